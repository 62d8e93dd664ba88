import type { CardPublisher, MessageRef, PinnedLink, Place, View } from '../../src/chat.js';

/** Where the shell prints a card: the owner decides how (it also remembers the buttons). */
export type CardPrinter = (view: View, header: string) => void;

/**
 * Cards in the console: `post` prints the card, `update` prints it again marked as updated. Message
 * IDs are local counters, so the card refresher can edit them like Slack or Discord messages.
 */
export class ShellCardPublisher implements CardPublisher {
  readonly platform = 'shell' as const;
  private next = 1;

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

  async update(ref: MessageRef, view: View): Promise<void> {
    this.print(view, `#${ref.channelId} — card updated:`);
  }

  /** The console has no pins: it prints the link as a pinned message, as Discord would show it. */
  async pinLink(place: Place, link: PinnedLink): Promise<string> {
    const ref = `m${this.next++}`;
    this.print(
      { visibility: 'channel', blocks: [{ type: 'link', label: link.title, url: link.url }] },
      `#${place.channelId} — link pinned:`,
    );
    return ref;
  }

  async unpinLink(place: Place, ref: string): Promise<void> {
    this.print(
      { visibility: 'channel', blocks: [{ type: 'context', text: `Unpinned ${ref}.` }] },
      `#${place.channelId} — link unpinned:`,
    );
  }
}
