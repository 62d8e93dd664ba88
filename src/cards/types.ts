import type { MessageRef, PinnedLink, Place, PlatformCalendar, Platform, View } from '../chat.js';

/**
 * What commands and callbacks need from the live-card machinery (src/cards/): post a meeting's card,
 * say that the meeting changed (the refresher edits every card of it, coalesced), render the card.
 */
export interface CardService {
  /**
   * Posts the meeting's card in its channel and stores the reference: 'posted', or 'pending' when the
   * platform refused or did not answer and the card waits in the outbox (posted later, never lost).
   */
  post(meetingId: string): Promise<'posted' | 'pending'>;
  /** Marks the meeting's cards for refresh; the refresher edits each at most about once a second. */
  changed(meetingId: string): Promise<void>;
  /** Wakes the refresher for a change whose version bump the caller already committed (Store.commit). */
  wake(meetingId: string): void;
  /** Renders the meeting's card as a neutral view (null when the meeting is unknown). */
  view(meetingId: string): Promise<View | null>;
  /** Posts a follow-up message (recording available, meeting ended) in the meeting's channel. */
  followUp(meetingId: string, view: View): Promise<void>;
  /** Posts a message that is not a meeting card (a schedule card, a reminder) in a channel. */
  publish(place: Place, view: View): Promise<MessageRef>;
  /** Replaces a message posted by `publish`. */
  edit(ref: MessageRef, view: View): Promise<void>;
  /** The platform's calendar of planned meetings, when its adapter offers one (Discord). */
  calendar(platform: Platform): PlatformCalendar | undefined;
  /** Keeps a link at hand in a channel through its platform; null when the platform cannot. */
  pinLink(place: Place, link: PinnedLink, previous: string | null): Promise<string | null>;
  /** Removes a link kept by `pinLink`. */
  unpinLink(place: Place, ref: string): Promise<void>;
}
