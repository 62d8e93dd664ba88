import type {
  CardPublisher,
  MessageRef,
  PinnedLink,
  Place,
  Platform,
  PlatformCalendar,
  View,
} from '../chat.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { postCard } from './outbox.js';
import { renderCard } from './render.js';
import type { CardService } from './types.js';

/** Options of {@link LiveCards}. */
export interface LiveCardsOptions {
  store: Store;
  log: Logger;
  now?: () => number;
  /** Minimum time between two edits of one card. */
  minIntervalMs?: number;
  /** Longest a platform call may take (default 10 s). */
  callTimeoutMs?: number;
  /** First wait before posting a card again after a failure (default 2 s, doubling). */
  retryBaseMs?: number;
}

/**
 * The CardService over the store and a registry of platform publishers (one per platform, registered
 * by src/main.ts). `changed` only bumps the meeting's version; the refresher does the editing.
 */
export class LiveCards implements CardService {
  private readonly publishers = new Map<Platform, CardPublisher>();
  private readonly listeners = new Set<(meetingId: string) => void>();
  readonly store: Store;
  readonly now: () => number;
  readonly minIntervalMs: number;
  readonly callTimeoutMs: number;
  readonly retryBaseMs: number;
  readonly log: Logger;

  constructor(opts: LiveCardsOptions) {
    this.store = opts.store;
    this.log = opts.log;
    this.now = opts.now ?? Date.now;
    this.minIntervalMs = opts.minIntervalMs ?? 1000;
    this.callTimeoutMs = opts.callTimeoutMs ?? 10_000;
    this.retryBaseMs = opts.retryBaseMs ?? 2000;
  }

  /** Registers (or replaces) the publisher of a platform. */
  registerPublisher(p: CardPublisher): void {
    this.publishers.set(p.platform, p);
  }

  /** The publisher of a platform, if one was registered. */
  publisher(platform: Platform): CardPublisher | undefined {
    return this.publishers.get(platform);
  }

  /** Calls `fn` whenever a meeting changed (the refresher uses it to wake up early). */
  onChanged(fn: (meetingId: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async view(meetingId: string): Promise<View | null> {
    const snap = await this.store.getMeetingSnapshot(meetingId);
    return snap ? renderCard(snap, this.now()) : null;
  }

  /** Queues the card and tries to post it now; 'pending' when it waits in the outbox (src/cards/outbox.ts). */
  post(meetingId: string): Promise<'posted' | 'pending'> {
    return postCard(this, meetingId);
  }

  async changed(meetingId: string): Promise<void> {
    await this.store.touchMeeting(meetingId);
    this.wake(meetingId);
  }

  wake(meetingId: string): void {
    for (const fn of this.listeners) {
      try {
        fn(meetingId);
      } catch (err) {
        this.log.warn('card change listener failed', { err });
      }
    }
  }

  async followUp(meetingId: string, view: View): Promise<void> {
    const m = await this.store.getMeeting(meetingId);
    if (!m) throw new Error(`Meeting ${meetingId} does not exist.`);
    await this.require(m.platform).post(placeOf(m), view);
  }

  publish(place: Place, view: View): Promise<MessageRef> {
    return this.require(place.platform).post(place, view);
  }

  edit(ref: MessageRef, view: View): Promise<void> {
    return this.require(ref.platform).update(ref, view);
  }

  calendar(platform: Platform): PlatformCalendar | undefined {
    return this.publishers.get(platform)?.calendar;
  }

  async pinLink(place: Place, link: PinnedLink, previous: string | null): Promise<string | null> {
    const p = this.publishers.get(place.platform);
    return p?.pinLink ? p.pinLink(place, link, previous) : null;
  }

  async unpinLink(place: Place, ref: string): Promise<void> {
    await this.publishers.get(place.platform)?.unpinLink?.(place, ref);
  }

  private require(platform: Platform): CardPublisher {
    const p = this.publishers.get(platform);
    if (!p) throw new Error(`No card publisher is registered for ${platform}.`);
    return p;
  }
}

function placeOf(m: { platform: Platform; teamId: string; channelId: string }): Place {
  return { platform: m.platform, teamId: m.teamId, channelId: m.channelId };
}
