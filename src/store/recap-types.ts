// What the store keeps for "after the meeting" (issue 15): live-caption runs, the transcription of
// each recording, and recaps waiting to be posted in the card's thread. Writes are StoreWrites (one
// unit of work with the rest); reads and the recap outbox's attempts are here.

/** One live-captions run of a meeting; `seq` is the Video API's time of the state (callbacks win ties). */
export interface CaptionRunRecord {
  id: string;
  meetingId: string;
  /** `requested` (asked, no callback yet), `started`, `stopped` or `failed`. */
  status: string;
  language: string;
  /** Chat user ID of who started it (kept once known). */
  startedBy: string | null;
  createdAt: number;
  stoppedAt: number | null;
  seq: number;
}

/** The post-call transcription of a recording; the summary text is kept once it was fetched. */
export interface TranscriptRecord {
  recordingId: string;
  meetingId: string;
  /** `requested`, `started`, `available` or `failed`. */
  status: string;
  language: string;
  hasSummary: boolean;
  /** The summary text (at most 3,000 characters), once fetched; kept by later upserts. */
  summary: string | null;
  createdAt: number;
  seq: number;
}

/** A recap waiting to be posted in the meeting card's thread (the recap outbox). */
export interface RecapPostRecord {
  meetingId: string;
  createdAt: number;
  /** Earliest time of the next attempt (also pushed forward while an attempt is under way). */
  notBefore: number;
  attempts: number;
  lastError: string | null;
}

/** The recap writes of a unit of work. */
export type RecapWrite =
  /** Seq-guarded upsert of a caption run (`startedBy` is kept once set). */
  | { kind: 'captionRun'; record: CaptionRunRecord }
  /** Seq-guarded upsert of a transcription (`summary` is kept once set). */
  | { kind: 'transcript'; record: TranscriptRecord }
  /** Sets the summary of a known transcription (not applied when the recording has none). */
  | { kind: 'transcriptSummary'; recordingId: string; summary: string }
  /** Queues the meeting's recap; not applied when one is already waiting. */
  | { kind: 'queueRecap'; meetingId: string; at: number }
  /** Takes a posted recap out of the outbox. */
  | { kind: 'recapPostDone'; meetingId: string };

/** Recap reads and the recap outbox's attempts. */
export interface RecapMethods {
  listCaptionRuns(meetingId: string): Promise<CaptionRunRecord[]>;
  listTranscripts(meetingId: string): Promise<TranscriptRecord[]>;
  getTranscript(recordingId: string): Promise<TranscriptRecord | null>;
  /** Recaps waiting to be posted whose next attempt is due, oldest first. */
  listDueRecapPosts(now: number, limit: number): Promise<RecapPostRecord[]>;
  /** Takes the next attempt at a waiting recap: true when it was due at `now` (then not due before `until`). */
  claimRecapPost(meetingId: string, now: number, until: number): Promise<boolean>;
  /** Records a failed or postponed attempt: the recap waits until `notBefore`. */
  deferRecapPost(meetingId: string, notBefore: number, error: string): Promise<void>;
}
