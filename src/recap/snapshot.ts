import type {
  AuditRecord,
  BroadcastRecord,
  CaptionRunRecord,
  ConnectionRecord,
  MeetingRecord,
  RecordingRecord,
  SipLegRecord,
  Store,
  TranscriptRecord,
} from '../store/types.js';

/** Everything the store knows about a meeting's past: the input of {@link recapState}. */
export interface RecapSnapshot {
  meeting: MeetingRecord;
  /** Every connection ever seen, gone ones included. */
  connections: ConnectionRecord[];
  sipLegs: SipLegRecord[];
  recordings: RecordingRecord[];
  transcripts: TranscriptRecord[];
  broadcasts: BroadcastRecord[];
  /** The meeting's audit log (moderation actions with who did them and how they ended). */
  audit: AuditRecord[];
  captions: CaptionRunRecord[];
}

/** Loads a meeting's whole history for its recap (null when the meeting is unknown). */
export async function loadRecapSnapshot(store: Store, meetingId: string): Promise<RecapSnapshot | null> {
  const meeting = await store.getMeeting(meetingId);
  if (!meeting) return null;
  // Read once per recap edit (at most one a second, only after the meeting ended), so reading the
  // whole history here costs nothing on the live card's path.
  const [connections, sipLegs, recordings, transcripts, broadcasts, audit, captions] = await Promise.all([
    store.listConnections(meetingId, { includeGone: true }),
    store.listSipLegs(meetingId),
    store.listRecordings(meetingId),
    store.listTranscripts(meetingId),
    store.listBroadcasts(meetingId),
    store.listAudit(meetingId),
    store.listCaptionRuns(meetingId),
  ]);
  return { meeting, connections, sipLegs, recordings, transcripts, broadcasts, audit, captions };
}
