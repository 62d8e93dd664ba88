import type { MeetingRecord, Store } from '../store/types.js';
import { sipSeq } from './order.js';
import type { SipEvent } from './schemas.js';

/** Applies a SIP call event (state changes, hang-up, forced mute). True when the store changed. */
export async function applySipEvent(store: Store, meeting: MeetingRecord, e: SipEvent): Promise<boolean> {
  const ts = e.timestamp;
  const existing = (await store.listSipLegs(meeting.id)).find((l) => l.id === e.call.id);
  if (e.event === 'muteForced') {
    const streams = (await store.listStreams(meeting.id))
      .filter((s) => s.connectionId === e.call.connectionId)
      .map((s) => s.streamId);
    if (streams.length === 0) return false;
    await store.setStreamsMuted(meeting.id, true, streams);
    return true;
  }
  const state = (
    e.event === 'callDestroyed'
      ? 'HANGUP'
      : (e.state ?? (e.event === 'callCreated' ? 'DIALING' : (existing?.state ?? 'ACTIVE')))
  ).toUpperCase();
  // A HANGUP state (callUpdated just before callDestroyed) is as final as the destroy itself: it
  // must not reopen a leg that the hang-up command or the destroy event already ended.
  const destroyed = state === 'HANGUP';
  return store.upsertSipLeg({
    id: e.call.id,
    meetingId: meeting.id,
    connectionId: e.call.connectionId,
    streamId: existing?.streamId ?? null,
    // The dialled URI is known only to the command that dialled (stored redacted); keep it.
    uri: existing?.uri ?? 'phone',
    state,
    createdAt: existing?.createdAt ?? e.call.createdAt ?? ts,
    endedAt: destroyed ? ts : null,
    seq: sipSeq(destroyed ? 'callDestroyed' : e.event, ts),
  });
}
