import type {
  BroadcastRecord,
  ConnectionRecord,
  MeetingRecord,
  RecordingRecord,
  SipLegRecord,
  StreamRecord,
  Store,
} from '../store/types.js';

/** Everything a meeting card shows, read from the store in one go. */
export interface MeetingSnapshot {
  meeting: MeetingRecord;
  connections: ConnectionRecord[];
  streams: StreamRecord[];
  recordings: RecordingRecord[];
  broadcasts: BroadcastRecord[];
  sipLegs: SipLegRecord[];
}

/** Loads a meeting and its live participants and media (null when the meeting is unknown). */
export async function loadSnapshot(store: Store, meetingId: string): Promise<MeetingSnapshot | null> {
  const meeting = await store.getMeeting(meetingId);
  if (!meeting) return null;
  const [connections, streams, recordings, broadcasts, sipLegs] = await Promise.all([
    store.listConnections(meetingId),
    store.listStreams(meetingId),
    store.listRecordings(meetingId),
    store.listBroadcasts(meetingId),
    store.listSipLegs(meetingId),
  ]);
  return { meeting, connections, streams, recordings, broadcasts, sipLegs };
}
