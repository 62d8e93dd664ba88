import type { View } from '../chat.js';
import { renderRecap } from '../recap/render.js';
import { loadRecapSnapshot } from '../recap/snapshot.js';
import { recapState } from '../recap/state.js';
import type { CardRecord, Store } from '../store/types.js';
import { renderCard } from './render.js';

/**
 * The view of a posted message the refresher keeps current, and the meeting version it shows: the
 * meeting card, or (kind 'recap') the recap in the card's thread. Null when the meeting is unknown.
 */
export async function messageView(
  store: Store,
  card: Pick<CardRecord, 'meetingId' | 'kind'>,
  now: number,
): Promise<{ view: View; version: number } | null> {
  if (card.kind === 'recap') {
    const s = await loadRecapSnapshot(store, card.meetingId);
    return s ? { view: renderRecap(recapState(s)), version: s.meeting.version } : null;
  }
  const snap = await store.getMeetingSnapshot(card.meetingId);
  return snap ? { view: renderCard(snap, now), version: snap.meeting.version } : null;
}
