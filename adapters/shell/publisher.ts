import type { CardPublisher, MessageRef, Place, View } from '../../src/chat.js';

/** Where the shell prints a card: the owner decides how (whole, as changes, or not at all). */
export type CardPrinter = (view: View, ref: MessageRef, edit: boolean) => void;

/**
 * Cards in the console: `post` and `update` hand the card to the printer with its message ID.
 * Message IDs are local counters, so the card refresher can edit them like Slack or Discord messages.
 */
export class ShellCardPublisher implements CardPublisher {
  readonly platform = 'shell' as const;
  private next = 1;
  // Cards stored before a restart keep their message IDs: a new run must not hand out the same ones.
  private readonly run = Date.now().toString(36);

  constructor(private readonly print: CardPrinter) {}

  async post(place: Place, view: View): Promise<MessageRef> {
    const ref: MessageRef = {
      platform: 'shell',
      teamId: place.teamId,
      channelId: place.channelId,
      messageId: `${this.run}.${this.next++}`,
    };
    this.print(view, ref, false);
    return ref;
  }

  async update(ref: MessageRef, view: View): Promise<void> {
    this.print(view, ref, true);
  }
}
