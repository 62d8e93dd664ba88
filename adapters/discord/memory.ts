import type { Confirm, Modal, View } from '../../src/chat.js';

// Discord hands back only a component's custom_id, so the modal or confirmation text a button was
// rendered with must be found again on click: first in the meeting's freshly rendered card (right
// on every replica, and current, e.g. the DTMF form's list of phone legs), then in what this process
// rendered recently (replies that are not cards), remembered per action and meeting key.

/** What a component needs on click beyond its custom ID. */
export interface ComponentExtras {
  modal?: Modal;
  confirm?: Confirm;
}

const MAX_ENTRIES = 5000;

/** The modal and confirmation of the component with `action` in `view`, if it has one. */
export function extrasIn(view: View, action: string): ComponentExtras | undefined {
  for (const block of view.blocks) {
    if (block.type === 'buttons') {
      const b = block.buttons.find((x) => x.action === action && (x.modal || x.confirm));
      if (b) return { modal: b.modal, confirm: b.confirm };
    } else if (block.type === 'select' && block.select.action === action && block.select.confirm) {
      return { confirm: block.select.confirm };
    }
  }
  return undefined;
}

/** Remembers rendered modals and confirmations by action and meeting key (bounded, oldest dropped). */
export class ComponentMemory {
  private readonly entries = new Map<string, ComponentExtras>();

  /** Records the extras rendered for `action` on meeting `key` (latest render wins). */
  remember(action: string, key: string, extras: ComponentExtras): void {
    if (!extras.modal && !extras.confirm) return;
    const id = `${action}|${key}`;
    this.entries.delete(id);
    this.entries.set(id, extras);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The extras last rendered for `action` on meeting `key`, if any. */
  recall(action: string, key: string): ComponentExtras | undefined {
    return this.entries.get(`${action}|${key}`);
  }
}
