import type { Confirm, Modal, View } from '../../src/chat.js';

// Discord hands back only a component's custom_id, so the modal or confirmation text a button was
// rendered with must be found again on click. Rendering records them here by action; after a
// restart the adapter re-renders the meeting's card (CardService.view) to refill it.

/** What a component needs on click beyond its custom ID. */
export interface ComponentExtras {
  modal?: Modal;
  confirm?: Confirm;
}

/** Remembers modals and confirmations by action, as last rendered. */
export class ComponentMemory {
  private readonly byAction = new Map<string, ComponentExtras>();

  /** Records the extras rendered for `action` (latest render wins). */
  remember(action: string, extras: ComponentExtras): void {
    if (!extras.modal && !extras.confirm) return;
    this.byAction.set(action, { ...this.byAction.get(action), ...extras });
  }

  /** The extras last rendered for `action`, if any. */
  recall(action: string): ComponentExtras | undefined {
    return this.byAction.get(action);
  }

  /** Records every modal and confirmation in a view (used to refill after a restart). */
  rememberView(view: View): void {
    if (view.modal) this.remember(view.modal.action, { modal: view.modal });
    for (const block of view.blocks) {
      if (block.type === 'buttons') {
        for (const b of block.buttons) this.remember(b.action, { modal: b.modal, confirm: b.confirm });
      } else if (block.type === 'select') {
        this.remember(block.select.action, { confirm: block.select.confirm });
      }
    }
  }
}
