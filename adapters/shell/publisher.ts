import type { CardPublisher, MessageRef, Place, View } from '../../src/chat.js';

/** Where the shell prints a card: the owner decides how (it also remembers the buttons). */
export type CardPrinter = (view: View, header: string) => void;

/**
 * Cards in the console: `post` prints the card, `update` prints it again marked as updated. Message
 * IDs are local counters, so the card refresher can edit them like Slack or Discord messages.
 */
export class ShellCardPublisher implements CardPublisher {
  readonly platform = 'shell' as const;
  private next = 1;
  /** Messages posted as thread replies (so an edit is announced as the reply's, not the card's). */
  private readonly replies = new Set<string>();

  constructor(private readonly print: CardPrinter) {}

  async post(place: Place, view: View): Promise<MessageRef> {
    const ref: MessageRef = {
      platform: 'shell',
      teamId: place.teamId,
      channelId: place.channelId,
      messageId: `m${this.next++}`,
    };
    this.print(view, `#${place.channelId} — ${view.cardOf ? 'card' : 'message'} posted:`);
    return ref;
  }

  /** Prints a thread reply (the meeting recap) under the card it answers. */
  async reply(to: MessageRef, view: View): Promise<MessageRef> {
    const ref: MessageRef = { ...to, messageId: `m${this.next++}` };
    this.replies.add(ref.messageId);
    this.print(view, `#${to.channelId} — reply under card ${to.messageId}:`);
    return ref;
  }

  async update(ref: MessageRef, view: View): Promise<void> {
    const what = this.replies.has(ref.messageId) ? 'reply' : 'card';
    this.print(view, `#${ref.channelId} — ${what} updated:`);
  }
}
