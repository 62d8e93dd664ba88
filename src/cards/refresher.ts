import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PlatformRateLimitedError } from '../chat.js';
import type { Logger } from '../log.js';
import { cardEditsTotal, rateLimitWaitSeconds, rateLimitWaitsTotal } from '../metrics.js';
import type { CardRecord } from '../store/types.js';
import { withTimeout } from './deadline.js';
import { attemptRecap } from '../recap/post.js';
import { messageView } from './message-view.js';
import { attemptPost, messageRef } from './outbox.js';
import type { LiveCards } from './service.js';

// Edits dirty cards: each card at most once per `minIntervalMs` (the store's notBefore), always with
// the latest state (the meeting is re-read at edit time, so a burst of changes becomes one edit).
// One replica edits at a time: passes run under the store lease 'cards'. Each card's edit runs on
// its own: a pass starts the edits of the dirty cards that are not already being edited and does
// not wait for them, so one slow or hung platform call delays only its own card (by at most the
// call timeout) and never another card's edit. The pending edit itself lives in the store (the
// card is dirty until an edit is recorded), so it survives failures and restarts; so does a card
// not yet posted (the outbox, src/cards/outbox.ts), which a pass posts the same way once it is due.

/** Options of {@link CardRefresher}. */
export interface CardRefresherOptions {
  cards: LiveCards;
  log: Logger;
  /** How often to look for dirty cards even without a local change (other replicas, deferred cards). */
  pollMs?: number;
  leaseMs?: number;
  /** Longest a platform call may take before the card counts as failed (default: the cards' own, 10 s). */
  callTimeoutMs?: number;
  /**
   * No edit starts later than this before the lease runs out (default: the call timeout + 2 s), so an
   * edit always ends while its lease lasts and two holders never overlap.
   */
  fenceMarginMs?: number;
  /** Pause before retrying a card whose edit failed for a reason other than rate limiting. */
  failureBackoffMs?: number;
  holder?: string;
}

type DirtyCard = CardRecord & { version: number };

/** Shortest time between the starts of two passes woken by changes. */
const PASS_GAP_MS = 20;
/** Most card edits a pass starts in one event-loop turn (see pass()). */
const EDITS_PER_TURN = 8;

const keyOf = (c: Pick<CardRecord, 'meetingId' | 'platform' | 'messageId'>) =>
  `${c.platform}:${c.meetingId}:${c.messageId}`;

/** The card refresher: start() it once; changes made through LiveCards wake it early. */
export class CardRefresher {
  private readonly holder: string;
  private readonly callTimeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private again = false;
  /** When the pending timer fires (Infinity when none is set). */
  private timerAt = Infinity;
  /** When the last pass started its edits: the next starts no sooner than PASS_GAP_MS later. */
  private lastPassAt = -Infinity;
  /** Until when the lease 'cards' is ours by our last successful take or renewal (0: not held). */
  private leaseUntil = 0;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;
  /** Edits under way, by card: a pass never starts a second edit of a card before the first ends. */
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /**
   * When each card's last edit ended, kept while a pass that may have read the card before that
   * edit was recorded is still running: such a pass skips the card (see pass()).
   */
  private readonly ended = new Map<string, number>();

  constructor(private readonly opts: CardRefresherOptions) {
    this.holder = opts.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.callTimeoutMs = opts.callTimeoutMs ?? opts.cards.callTimeoutMs;
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
    this.timerAt = Infinity;
    this.unsubscribe?.();
    await this.running;
    await this.idle();
    this.leaseUntil = 0;
    await this.opts.cards.store.releaseLease('cards', this.holder).catch(() => undefined);
  }

  /** Asks for a pass soon (coalesced with one already running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    // A burst of changes (every command of a busy meeting) becomes one pass per PASS_GAP_MS, not one
    // pass per change: each pass costs store reads and the cards' edits are paced per card anyway.
    else this.schedule(Math.max(0, this.lastPassAt + PASS_GAP_MS - Date.now()));
  }

  /** Resolves once no edit is under way. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  /** Runs one pass now and waits for the edits it started; resolves with how many succeeded. */
  async runOnce(): Promise<number> {
    const started = await this.pass();
    const results = await Promise.all(started);
    return results.filter(Boolean).length;
  }

  /** Starts the edits of the dirty cards that are not being edited; resolves once they are started. */
  private async pass(): Promise<Array<Promise<boolean>>> {
    const { cards, log } = this.opts;
    const store = cards.store;
    const now = cards.now();
    const leaseMs = this.opts.leaseMs ?? 30_000;
    // The lease is renewed once half of it has run, not on every pass (a pass can run 50 times a
    // second on a busy bot, and each renewal is a write).
    if (now >= this.leaseUntil - leaseMs / 2) {
      this.leaseUntil = 0;
      if (!(await store.acquireLease('cards', this.holder, leaseMs, now))) return [];
      this.leaseUntil = now + leaseMs;
    }
    // An edit started so late that it could still be running when the lease runs out could race the
    // next holder's edit of the same card and land an older state last, so it is left for the next
    // pass instead.
    const fence = this.leaseUntil - (this.opts.fenceMarginMs ?? this.callTimeoutMs + 2_000);
    // An edit that ends while the list below is being read may have been recorded after the read:
    // the list would still show its card dirty, and a second edit would follow at once. Edits that
    // ended before the read started are recorded in what it returns, so only later ones are kept.
    const listedAt = performance.now();
    for (const [key, at] of this.ended) if (at < listedAt) this.ended.delete(key);
    // The three reads at once: on Postgres they share one round trip (src/store/postgres/read-batch.ts),
    // where one after another they were three, at every pass (up to 50 a second on a busy bot).
    const [dirty, due, recaps] = await Promise.all([
      store.listDirtyCards(now, 100 + this.inFlight.size),
      store.listDueCardPosts(now, 20),
      store.listDueRecapPosts(now, 20),
    ]);
    const started: Array<Promise<boolean>> = [];
    for (const card of dirty) {
      const key = keyOf(card);
      if (this.inFlight.has(key) || this.ended.has(key)) continue;
      // A few edits per event-loop turn: on SQLite an edit's reads and render run on the event loop,
      // and cards edited together fall due together a second later, so a pass over 100 meetings
      // would hold the loop for one long turn every second, delaying every request behind it.
      if (started.length > 0 && started.length % EDITS_PER_TURN === 0) await nextTurn();
      const edit = this.edit(card, fence)
        .catch((err: unknown) => (log.error('card edit crashed', { err }), false))
        // A change made while the card was being edited is picked up by the next poll (the card's
        // notBefore is later than that anyway); waking a pass per finished edit would only add store load.
        .finally(() => {
          this.inFlight.delete(key);
          this.ended.set(key, performance.now());
        });
      this.inFlight.set(key, edit);
      started.push(edit);
    }
    // Cards still waiting to be posted (the outbox): each attempt runs on its own, like an edit.
    if (cards.now() < fence) {
      for (const post of due) {
        const key = `post:${post.platform}:${post.meetingId}`;
        if (this.inFlight.has(key)) continue;
        const attempt = attemptPost(cards, post)
          .catch((err: unknown) => (log.error('card post crashed', { err }), false))
          .finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, attempt);
        started.push(attempt);
      }
      // Recaps waiting to be posted in their card's thread (src/recap/post.ts): the same way.
      for (const recap of recaps) {
        const key = `recap:${recap.meetingId}`;
        if (this.inFlight.has(key)) continue;
        const attempt = attemptRecap(cards, recap)
          .catch((err: unknown) => (log.error('recap post crashed', { err }), false))
          .finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, attempt);
        started.push(attempt);
      }
    }
    return started;
  }

  private async edit(card: DirtyCard, fence: number): Promise<boolean> {
    const { cards, log } = this.opts;
    const store = cards.store;
    const publisher = cards.publisher(card.platform);
    if (!publisher) {
      log.warn('no card publisher for platform; card left stale', { platform: card.platform });
      await store.deferCard(card, cards.now() + 60_000);
      return false;
    }
    // The card itself, or the recap in its thread (kind 'recap'): both follow the meeting's version.
    const rendered = await messageView(store, card, cards.now());
    if (!rendered || cards.now() >= fence) return false;
    const ref = messageRef(card);
    try {
      // The platform clients time out on their own (adapters); this bound also holds for any other
      // publisher, a little later so that the client's own error is the one reported.
      await withTimeout(publisher.update(ref, rendered.view), this.callTimeoutMs + 1000);
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
    await store.markCardRendered(card, rendered.version, at, at + cards.minIntervalMs);
    cardEditsTotal.inc({ platform: card.platform, outcome: 'ok' });
    return true;
  }

  /** Sets the timer to fire in `ms`, unless it is already set to fire sooner. */
  private schedule(ms: number): void {
    const at = Date.now() + ms;
    if (at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.loop(), ms);
    this.timer.unref?.();
  }

  private loop(): void {
    this.timerAt = Infinity;
    if (this.stopped || this.running) return;
    this.again = false;
    this.lastPassAt = Date.now();
    // The loop waits for the pass to start its edits, not for the edits to end.
    this.running = this.pass()
      .catch((err: unknown) => this.opts.log.error('card refresh pass failed', { err }))
      .finally(() => {
        this.running = null;
        if (!this.stopped)
          this.schedule(
            this.again ? Math.max(0, this.lastPassAt + PASS_GAP_MS - Date.now()) : (this.opts.pollMs ?? 250),
          );
      });
  }
}
