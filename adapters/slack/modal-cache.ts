// Slack buttons carry only an action_id and a short value, so a click that opens a form must find
// the form elsewhere: the modals seen while rendering, else the meeting's freshly rendered card.
import type { Modal, View } from '../../src/chat.js';

/** Remembers the latest definition of each modal by action. */
export class ModalCache {
  private readonly byAction = new Map<string, Modal>();

  /** Stores the modals of a rendered message. */
  remember(modals: ReadonlyMap<string, Modal>): void {
    for (const [action, modal] of modals) this.byAction.set(action, modal);
  }

  get(action: string): Modal | undefined {
    return this.byAction.get(action);
  }

  /** Finds the modal behind `action` among a view's buttons (a card re-rendered after a restart). */
  static find(view: View | null, action: string): Modal | undefined {
    for (const b of view?.blocks ?? []) {
      if (b.type !== 'buttons') continue;
      const hit = b.buttons.find((x) => x.action === action && x.modal);
      if (hit?.modal) return hit.modal;
    }
    return view?.modal?.action === action ? view.modal : undefined;
  }
}
