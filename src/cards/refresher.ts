import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { PlatformRateLimitedError } from '../chat.js';
import type { Logger } from '../log.js';
import { cardEditsTotal, rateLimitWaitSeconds, rateLimitWaitsTotal } from '../metrics.js';
import type { CardRecord } from '../store/types.js';
import { renderCard } from './render.js';
import type { LiveCards } from './service.js';
import { loadSnapshot } from './snapshot.js';

// Edits dirty cards: each card at most once per `minIntervalMs` (the store's notBefore), always with
// the latest state (the meeting is re-read at edit time, so a burst of changes becomes one edit).
// One replica edits at a time: the whole pass runs under the store lease 'cards'.

/** Options of {@link CardRefresher}. */
export interface CardRefresherOptions {
  cards: LiveCards;
  log: Logger;
  /** How often to look for dirty cards even without a local change (other replicas, deferred cards). */
  pollMs?: number;
  leaseMs?: number;
  /** No edit starts later than this before the lease runs out (default 2 s), so two holders never overlap. */
  fenceMarginMs?: number;
  /** Pause before retrying a card whose edit failed for a reason other than rate limiting. */
  failureBackoffMs?: number;
  holder?: string;
}

/** The card refresher: start() it once; changes made through LiveCards wake it early. */
export class CardRefresher {
  private readonly holder: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: CardRefresherOptions) {
    this.holder = opts.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.opts.cards.onChanged(() => this.kick());
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    await this.running;
    await this.opts.cards.store.releaseLease('cards', this.holder).catch(() => undefined);
  }

  /** Asks for a pass soon (coalesced with one already running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Runs one pass now; resolves with the number of successful edits. */
  async runOnce(): Promise<number> {
    const { cards, log } = this.opts;
    const store = cards.store;
    const now = cards.now();
    const leaseMs = this.opts.leaseMs ?? 10_000;
    if (!(await store.acquireLease('cards', this.holder, leaseMs, now))) return 0;
    // The lease is ours until now + leaseMs. An edit started after that could race the next holder's
    // edit of the same card and land an older state last, so it is left for the next pass instead.
    const fence = now + leaseMs - (this.opts.fenceMarginMs ?? 2_000);
    const dirty = await store.listDirtyCards(now, 100);
    const results = await Promise.all(
      dirty.map((c) =>
        this.edit(c, fence).catch((err: unknown) => (log.error('card edit crashed', { err }), false)),
      ),
    );
    return results.filter(Boolean).length;
  }

  private async edit(card: CardRecord & { version: number }, fence: number): Promise<boolean> {
    const { cards, log } = this.opts;
    const store = cards.store;
    const publisher = cards.publisher(card.platform);
    if (!publisher) {
      log.warn('no card publisher for platform; card left stale', { platform: card.platform });
      await store.deferCard(card, cards.now() + 60_000);
      return false;
    }
    const snap = await loadSnapshot(store, card.meetingId);
    if (!snap || cards.now() >= fence) return false;
    const ref = {
      platform: card.platform,
      teamId: card.teamId,
      channelId: card.channelId,
      messageId: card.messageId,
    };
    try {
      await publisher.update(ref, renderCard(snap, cards.now()));
    } catch (err) {
      if (err instanceof PlatformRateLimitedError) {
        cardEditsTotal.inc({ platform: card.platform, outcome: 'rate_limited' });
        rateLimitWaitsTotal.inc({ platform: card.platform });
        rateLimitWaitSeconds.inc({ platform: card.platform }, err.retryAfterMs / 1000);
        await store.deferCard(card, cards.now() + Math.max(err.retryAfterMs, cards.minIntervalMs));
        return false;
      }
      cardEditsTotal.inc({ platform: card.platform, outcome: 'failed' });
      log.warn('card edit failed; will retry', { platform: card.platform, meetingId: card.meetingId, err });
      await store.deferCard(card, cards.now() + (this.opts.failureBackoffMs ?? 10_000));
      return false;
    }
    const at = cards.now();
    // notBefore counts from the end of the edit, so edits of one card are never closer than the interval.
    await store.markCardRendered(card, snap.meeting.version, at, at + cards.minIntervalMs);
    cardEditsTotal.inc({ platform: card.platform, outcome: 'ok' });
    return true;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.loop(), ms);
    this.timer.unref?.();
  }

  private loop(): void {
    if (this.stopped || this.running) return;
    this.again = false;
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((err: unknown) => this.opts.log.error('card refresh pass failed', { err }))
      .finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(this.again ? 20 : (this.opts.pollMs ?? 250));
      });
  }
}
