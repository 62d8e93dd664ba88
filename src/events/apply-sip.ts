import type { MeetingRecord, Store, StoreWrite } from '../store/types.js';
import { sipSeq } from './order.js';
import type { SipEvent } from './schemas.js';

/** The store writes of a SIP call event (state changes, hang-up, forced mute). */
export async function sipWrites(store: Store, meeting: MeetingRecord, e: SipEvent): Promise<StoreWrite[]> {
  const ts = e.timestamp;
  if (e.event === 'muteForced') {
    const streamIds = (await store.listStreams(meeting.id))
      .filter((s) => s.connectionId === e.call.connectionId)
      .map((s) => s.streamId);
    return streamIds.length === 0
      ? []
      : [{ kind: 'streamsMuted', meetingId: meeting.id, muted: true, streamIds }];
  }
  const existing = (await store.listSipLegs(meeting.id)).find((l) => l.id === e.call.id);
  const state = (
    e.event === 'callDestroyed'
      ? 'HANGUP'
      : (e.state ?? (e.event === 'callCreated' ? 'DIALING' : (existing?.state ?? 'ACTIVE')))
  ).toUpperCase();
  // A HANGUP state (callUpdated just before callDestroyed) is as final as the destroy itself: it
  // must not reopen a leg that the hang-up command or the destroy event already ended.
  const destroyed = state === 'HANGUP';
  return [
    {
      kind: 'sipLeg',
      record: {
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
      },
    },
  ];
}
