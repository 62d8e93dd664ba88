import type { CardPublisher, MessageRef, PinnedLink, Place, View } from '../../src/chat.js';

/**
 * Where the shell prints a card: the owner decides how (whole, as changes, or not at all). `replyTo`
 * names the card a thread reply (the meeting recap) answers.
 */
export type CardPrinter = (view: View, ref: MessageRef, edit: boolean, replyTo?: string) => void;

/**
 * Cards in the console: `post` and `update` hand the card to the printer with its message ID.
 * Message IDs are local counters, so the card refresher can edit them like Slack or Discord messages.
 */
export class ShellCardPublisher implements CardPublisher {
  readonly platform = 'shell' as const;
  private next = 1;
  // Cards stored before a restart keep their message IDs: a new run must not hand out the same ones.
  private readonly run = Date.now().toString(36);
  /** Thread replies (the meeting recap) posted in this run, with the card each answers. */
  private readonly replies = new Map<string, string>();

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

  /** Prints a thread reply (the meeting recap) under the card it answers. */
  async reply(to: MessageRef, view: View): Promise<MessageRef> {
    const ref: MessageRef = { ...to, messageId: `${this.run}.${this.next++}` };
    this.replies.set(ref.messageId, to.messageId);
    this.print(view, ref, false, to.messageId);
    return ref;
  }

  async update(ref: MessageRef, view: View): Promise<void> {
    this.print(view, ref, true, this.replies.get(ref.messageId));
  }

  /** The console has no pins: it prints the link as a message, as Discord shows a pinned one. */
  async pinLink(place: Place, link: PinnedLink): Promise<string> {
    const ref = this.refIn(place);
    this.print(
      {
        visibility: 'channel',
        title: 'Pinned',
        blocks: [{ type: 'link', label: link.title, url: link.url }],
      },
      ref,
      false,
    );
    return ref.messageId;
  }

  async unpinLink(place: Place, pinned: string): Promise<void> {
    const view: View = { visibility: 'channel', blocks: [{ type: 'context', text: `Unpinned ${pinned}.` }] };
    this.print(view, this.refIn(place), false);
  }

  private refIn(place: Place): MessageRef {
    return {
      platform: 'shell',
      teamId: place.teamId,
      channelId: place.channelId,
      messageId: `${this.run}.${this.next++}`,
    };
  }
}
