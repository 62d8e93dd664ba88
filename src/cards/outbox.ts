import { PlatformRateLimitedError, type CardPublisher, type MessageRef, type Platform } from '../chat.js';
import type { Logger } from '../log.js';
import { cardEditsTotal } from '../metrics.js';
import type { CardPostRecord, CardRecord, Store } from '../store/types.js';
import { withTimeout } from './deadline.js';
import { renderCard } from './render.js';

// The card outbox: a meeting's card is queued in the store before it is posted, and a post that
// fails (a 429, a few 5xx, a timeout, a restart in between) leaves it queued until its wait is over
// (Retry-After, else a doubling backoff); the card writer then posts it with the meeting's latest
// state. Each attempt is claimed in the store first, so two posters never post the same card.

/** What posting from the outbox needs (LiveCards provides it). */
export interface OutboxDeps {
  store: Store;
  log: Logger;
  now: () => number;
  minIntervalMs: number;
  /** Longest a platform call may take. */
  callTimeoutMs: number;
  /** First wait after a failed post (doubles per attempt, at most a minute). */
  retryBaseMs: number;
  publisher(platform: Platform): CardPublisher | undefined;
}

/**
 * The wait before the next attempt after `attempts` failed ones: the platform's Retry-After (at
 * least a second) when it rate-limited us, else `base` doubling, at most a minute.
 */
export function retryWait(err: unknown, attempts: number, base = 2000): { ms: number; limited: boolean } {
  if (err instanceof PlatformRateLimitedError) return { ms: Math.max(err.retryAfterMs, 1000), limited: true };
  return { ms: Math.min(60_000, base * 2 ** Math.max(0, attempts - 1)), limited: false };
}

/** The message a stored card is (to edit it, or to reply in its thread). */
export function messageRef(card: CardRecord): MessageRef {
  return {
    platform: card.platform,
    teamId: card.teamId,
    channelId: card.channelId,
    messageId: card.messageId,
  };
}

/** The stored card of a message just posted at `at`: rendered at `version`, next edit after the interval. */
export function postedCard(
  ref: MessageRef,
  meetingId: string,
  version: number,
  at: number,
  minIntervalMs: number,
): CardRecord {
  return {
    meetingId,
    platform: ref.platform,
    teamId: ref.teamId,
    channelId: ref.channelId,
    messageId: ref.messageId,
    renderedVersion: version,
    renderedAt: at,
    notBefore: at + minIntervalMs,
  };
}

/** Queues the meeting's card and tries to post it now: 'posted', or 'pending' when it waits in the outbox. */
export async function postCard(deps: OutboxDeps, meetingId: string): Promise<'posted' | 'pending'> {
  const { store } = deps;
  const m = await store.getMeeting(meetingId);
  if (!m) throw new Error(`Meeting ${meetingId} does not exist.`);
  // A card already stored wins: a re-run of start never posts a second card.
  if ((await store.listCards(m.id)).some((c) => c.platform === m.platform)) return 'posted';
  const at = deps.now();
  // Queued already claimed by this first attempt: due only once the attempt surely ended. Queued
  // due at once, the card writer on another replica could take it first, and if that replica died
  // between posting and storing the card, the next attempt would post a second card.
  const post = {
    meetingId: m.id,
    platform: m.platform,
    teamId: m.teamId,
    channelId: m.channelId,
    createdAt: at,
    notBefore: attemptEnd(deps, at),
  };
  const [mine] = await store.commit([{ kind: 'queueCardPost', post }]);
  const [queued] = await store.listCardPosts(m.id);
  if (!queued) return 'posted';
  // Queued before (a re-run of start): its attempts are the outbox's to claim.
  return (await attemptPost(deps, queued, mine === true)) ? 'posted' : 'pending';
}

/** When an attempt starting at `now` has surely ended: until then nobody else may take the card. */
function attemptEnd(deps: OutboxDeps, now: number): number {
  return now + deps.callTimeoutMs + 5000;
}

/**
 * One attempt at a queued card: true when it was posted and stored (and left the outbox).
 * `claimed`: the caller queued the card with this attempt's claim (see postCard).
 */
export async function attemptPost(deps: OutboxDeps, post: CardPostRecord, claimed = false): Promise<boolean> {
  const { store, log } = deps;
  const now = deps.now();
  if (!claimed && !(await store.claimCardPost(post.meetingId, post.platform, now, attemptEnd(deps, now))))
    return false;
  const attempts = post.attempts + 1;
  const snap = await store.getMeetingSnapshot(post.meetingId);
  if (!snap) {
    await store.commit([{ kind: 'cardPostDone', meetingId: post.meetingId, platform: post.platform }]);
    return false;
  }
  const publisher = deps.publisher(post.platform);
  if (!publisher) {
    await store.deferCardPost(post.meetingId, post.platform, now + 60_000, 'no publisher for the platform');
    return false;
  }
  const place = { platform: post.platform, teamId: post.teamId, channelId: post.channelId };
  try {
    const ref = await withTimeout(publisher.post(place, renderCard(snap, now)), deps.callTimeoutMs + 1000);
    const at = deps.now();
    await store.commit([
      {
        kind: 'addCard',
        card: postedCard(ref, post.meetingId, snap.meeting.version, at, deps.minIntervalMs),
      },
      { kind: 'cardPostDone', meetingId: post.meetingId, platform: post.platform },
    ]);
    cardEditsTotal.inc({ platform: post.platform, outcome: 'posted' });
    return true;
  } catch (err) {
    const { ms: wait, limited } = retryWait(err, attempts, deps.retryBaseMs);
    cardEditsTotal.inc({ platform: post.platform, outcome: limited ? 'rate_limited' : 'failed' });
    log.warn('could not post a meeting card yet; it stays in the outbox', {
      meetingId: post.meetingId,
      platform: post.platform,
      attempts,
      retryInMs: wait,
      err,
    });
    const why = err instanceof Error ? err.message : String(err);
    await store.deferCardPost(post.meetingId, post.platform, deps.now() + wait, why);
    return false;
  }
}
