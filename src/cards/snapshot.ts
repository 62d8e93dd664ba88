import type {
  AudioStreamRecord,
  CaptionRunRecord,
  BroadcastRecord,
  ConnectionRecord,
  MeetingCheckRecord,
  MeetingRecord,
  RecordingRecord,
  RenderRecord,
  SipLegRecord,
  StreamRecord,
  Store,
} from '../store/types.js';

/** What the store knows about one meeting: the input of {@link meetingState} (src/cards/state.ts). */
export interface MeetingSnapshot {
  meeting: MeetingRecord;
  /**
   * Live connections, those that left but still have a live stream, and one that was ever seen
   * (so "everyone left" differs from "nobody came"): not the whole history, whose reading would
   * make every card edit slower as people come and go (Store.listConnectionsForState).
   */
  connections: ConnectionRecord[];
  /** Live streams. */
  streams: StreamRecord[];
  recordings: RecordingRecord[];
  broadcasts: BroadcastRecord[];
  sipLegs: SipLegRecord[];
  renders: RenderRecord[];
  audioStreams: AudioStreamRecord[];
  /** What reconciliation last found (absent or null: never checked). */
  check?: MeetingCheckRecord | null;
  /** Live-caption runs (absent: none). */
  captions?: CaptionRunRecord[];
}

/** Loads a meeting and its participants and media (null when the meeting is unknown). */
export async function loadSnapshot(store: Store, meetingId: string): Promise<MeetingSnapshot | null> {
  // Every read at once, the meeting's too (on Postgres they share one round trip); an unknown
  // meeting's empty lists are simply dropped.
  const [
    meeting,
    connections,
    streams,
    recordings,
    broadcasts,
    sipLegs,
    renders,
    audioStreams,
    check,
    captions,
  ] = await Promise.all([
    store.getMeeting(meetingId),
    store.listConnectionsForState(meetingId),
    store.listStreams(meetingId),
    store.listRecordings(meetingId),
    store.listBroadcasts(meetingId),
    store.listSipLegs(meetingId),
    store.listRenders(meetingId),
    store.listAudioStreams(meetingId),
    store.getMeetingCheck(meetingId),
    store.listCaptionRuns(meetingId),
  ]);
  if (!meeting) return null;
  return {
    meeting,
    connections,
    streams,
    recordings,
    broadcasts,
    sipLegs,
    renders,
    audioStreams,
    check,
    captions,
  };
}
