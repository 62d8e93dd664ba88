import { withTimeout } from '../cards/deadline.js';
import { messageRef, postedCard, retryWait, type OutboxDeps } from '../cards/outbox.js';
import { cardEditsTotal } from '../metrics.js';
import type { RecapPostRecord } from '../store/types.js';
import { renderRecap } from './render.js';
import { loadRecapSnapshot } from './snapshot.js';
import { recapState } from './state.js';

// The recap outbox: a recap is queued in the unit that ends its meeting and posted by the card
// writer as a reply in the card's thread (the platform's publisher decides what a thread is). Once
// posted it is stored as a card of kind 'recap', so later changes (a recording or transcript
// becoming ready) reach it through the same coalesced, fenced edits as cards. Each attempt is
// claimed in the store first, so two writers never post the same recap.

/** How long a recap waits for its meeting's card to be posted before trying again. */
const CARD_WAIT_MS = 2000;
/** Attempts after which a recap whose card never appeared is given up. */
const MAX_ATTEMPTS = 30;

/** One attempt at a queued recap: true when it was posted and stored (and left the outbox). */
export async function attemptRecap(deps: OutboxDeps, post: RecapPostRecord): Promise<boolean> {
  const { store, log } = deps;
  const now = deps.now();
  if (!(await store.claimRecapPost(post.meetingId, now, now + deps.callTimeoutMs + 5000))) return false;
  const attempts = post.attempts + 1;
  const done = () => store.commit([{ kind: 'recapPostDone', meetingId: post.meetingId }]);
  const snap = await loadRecapSnapshot(store, post.meetingId);
  if (!snap) return (await done(), false);
  const m = snap.meeting;
  const cards = await store.listCards(m.id);
  // A repeated end (a re-run, a second replica) queues again: one recap per meeting.
  if (cards.some((c) => c.kind === 'recap')) return (await done(), false);
  const card = cards.find((c) => c.kind === undefined && c.platform === m.platform);
  if (!card) {
    const waiting = (await store.listCardPosts(m.id)).length > 0;
    if (!waiting && attempts >= MAX_ATTEMPTS) {
      log.warn('gave up the recap of a meeting whose card was never posted', { meetingId: m.id });
      return (await done(), false);
    }
    await store.deferRecapPost(m.id, now + CARD_WAIT_MS, 'the meeting card is not posted yet');
    return false;
  }
  const publisher = deps.publisher(card.platform);
  if (!publisher?.reply) {
    await store.deferRecapPost(m.id, now + 60_000, 'no publisher with thread replies for the platform');
    return false;
  }
  const ref = messageRef(card);
  try {
    const posted = await withTimeout(
      publisher.reply(ref, renderRecap(recapState(snap))),
      deps.callTimeoutMs + 1000,
    );
    const at = deps.now();
    await store.commit([
      {
        kind: 'addCard',
        card: { ...postedCard(posted, m.id, m.version, at, deps.minIntervalMs), kind: 'recap' },
      },
      { kind: 'recapPostDone', meetingId: m.id },
    ]);
    cardEditsTotal.inc({ platform: card.platform, outcome: 'posted' });
    return true;
  } catch (err) {
    const { ms: wait, limited } = retryWait(err, attempts, deps.retryBaseMs);
    cardEditsTotal.inc({ platform: card.platform, outcome: limited ? 'rate_limited' : 'failed' });
    log.warn('could not post a meeting recap yet; it stays in the outbox', {
      meetingId: m.id,
      platform: card.platform,
      attempts,
      retryInMs: wait,
      err,
    });
    await store.deferRecapPost(m.id, deps.now() + wait, err instanceof Error ? err.message : String(err));
    return false;
  }
}
