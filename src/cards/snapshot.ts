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

/** Awaits every promise of `reads` at once; resolves with their values under the same names. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  reads: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const values = await Promise.all(Object.values(reads));
  return Object.fromEntries(Object.keys(reads).map((k, i) => [k, values[i]])) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}

/** Loads a meeting and its participants and media (null when the meeting is unknown). */
export async function loadSnapshot(store: Store, meetingId: string): Promise<MeetingSnapshot | null> {
  // Every read at once, the meeting's too (on Postgres they share one round trip); an unknown
  // meeting's empty lists are simply dropped.
  const { meeting, ...rest } = await allOf({
    meeting: store.getMeeting(meetingId),
    connections: store.listConnectionsForState(meetingId),
    streams: store.listStreams(meetingId),
    recordings: store.listRecordings(meetingId),
    broadcasts: store.listBroadcasts(meetingId),
    sipLegs: store.listSipLegs(meetingId),
    renders: store.listRenders(meetingId),
    audioStreams: store.listAudioStreams(meetingId),
    check: store.getMeetingCheck(meetingId),
    captions: store.listCaptionRuns(meetingId),
  });
  return meeting ? { meeting, ...rest } : null;
}
