// Caption runs, transcriptions and the recap outbox (issue 15). The upserts are seq-guarded like
// the media tables; a recap is queued in the unit that ends its meeting and taken out in the unit
// that stores the posted recap (as a card of kind 'recap', so the refresher edits it).

import { bool, flag, num, numOrNull, str, strOrNull, type Row } from '../columns.js';
import type {
  CaptionRunRecord,
  RecapMethods,
  RecapPostRecord,
  RecapWrite,
  TranscriptRecord,
} from '../recap-types.js';
import type { Sql } from '../sql.js';
import { LIMIT } from '../sql.js';
import type { StoreWrite } from '../types.js';

const RECAP_KINDS = new Set<StoreWrite['kind']>([
  'captionRun',
  'transcript',
  'transcriptSummary',
  'queueRecap',
  'recapPostDone',
]);

/** True for the writes this file carries out. */
export function isRecapWrite(w: StoreWrite): w is RecapWrite {
  return RECAP_KINDS.has(w.kind);
}

/** Whether a recap write changes what a card or recap shows (queueing and posting do not). */
export function recapWriteChangesState(w: RecapWrite): boolean {
  return w.kind !== 'queueRecap' && w.kind !== 'recapPostDone';
}

// The earliest report of a run says when it started: a later one (or the command's) never moves it.
const CAPTION_RUN = `INSERT INTO caption_runs (id, meeting_id, status, language, started_by, created_at, stopped_at, seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET status = excluded.status, language = excluded.language,
    started_by = COALESCE(caption_runs.started_by, excluded.started_by),
    created_at = CASE WHEN excluded.created_at < caption_runs.created_at
      THEN excluded.created_at ELSE caption_runs.created_at END, stopped_at = excluded.stopped_at, seq = excluded.seq
  WHERE excluded.seq >= caption_runs.seq`;
const TRANSCRIPT = `INSERT INTO transcripts (recording_id, meeting_id, status, language, has_summary, summary, created_at, seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (recording_id) DO UPDATE SET status = excluded.status, language = excluded.language,
    has_summary = excluded.has_summary, summary = COALESCE(transcripts.summary, excluded.summary),
    seq = excluded.seq
  WHERE excluded.seq >= transcripts.seq`;
const SUMMARY = 'UPDATE transcripts SET summary = ? WHERE recording_id = ?';
const QUEUE = `INSERT INTO recap_posts (meeting_id, created_at, not_before) VALUES (?, ?, ?)
  ON CONFLICT (meeting_id) DO NOTHING`;
const DONE = 'DELETE FROM recap_posts WHERE meeting_id = ?';

/** A meeting's live-caption runs, oldest first. */
export const RUNS = 'SELECT * FROM caption_runs WHERE meeting_id = ? ORDER BY created_at, id';
const TRANSCRIPTS = 'SELECT * FROM transcripts WHERE meeting_id = ? ORDER BY created_at, recording_id';
const ONE_TRANSCRIPT = 'SELECT * FROM transcripts WHERE recording_id = ?';
const DUE = `SELECT * FROM recap_posts WHERE not_before <= ? ORDER BY not_before, meeting_id ${LIMIT}`;
// Only a due recap can be claimed, so an attempt under way is never doubled by another poster.
const CLAIM = `UPDATE recap_posts SET not_before = ?, attempts = attempts + 1
  WHERE meeting_id = ? AND not_before <= ?`;
const DEFER = 'UPDATE recap_posts SET not_before = ?, last_error = ? WHERE meeting_id = ?';

/** A caption_runs row as its record. */
export function runFromRow(r: Row): CaptionRunRecord {
  return {
    id: str(r.id),
    meetingId: str(r.meeting_id),
    status: str(r.status),
    language: str(r.language),
    startedBy: strOrNull(r.started_by),
    createdAt: num(r.created_at),
    stoppedAt: numOrNull(r.stopped_at),
    seq: num(r.seq),
  };
}

function transcriptFromRow(r: Row): TranscriptRecord {
  return {
    recordingId: str(r.recording_id),
    meetingId: str(r.meeting_id),
    status: str(r.status),
    language: str(r.language),
    hasSummary: bool(r.has_summary),
    summary: strOrNull(r.summary),
    createdAt: num(r.created_at),
    seq: num(r.seq),
  };
}

function postFromRow(r: Row): RecapPostRecord {
  return {
    meetingId: str(r.meeting_id),
    createdAt: num(r.created_at),
    notBefore: num(r.not_before),
    attempts: num(r.attempts),
    lastError: strOrNull(r.last_error),
  };
}

/** The statement of a recap write. */
export function recapStatement(w: RecapWrite): { sql: string; params: unknown[] } {
  switch (w.kind) {
    case 'captionRun': {
      const c = w.record;
      return {
        sql: CAPTION_RUN,
        params: [c.id, c.meetingId, c.status, c.language, c.startedBy, c.createdAt, c.stoppedAt, c.seq],
      };
    }
    case 'transcript': {
      const t = w.record;
      return {
        sql: TRANSCRIPT,
        params: [
          t.recordingId,
          t.meetingId,
          t.status,
          t.language,
          flag(t.hasSummary),
          t.summary,
          t.createdAt,
          t.seq,
        ],
      };
    }
    case 'transcriptSummary':
      return { sql: SUMMARY, params: [w.summary.slice(0, 3000), w.recordingId] };
    case 'queueRecap':
      return { sql: QUEUE, params: [w.meetingId, w.at, w.at] };
    case 'recapPostDone':
      return { sql: DONE, params: [w.meetingId] };
  }
}

/** Recap reads and outbox attempts over `db`. */
export function recapMethods(db: Sql): RecapMethods {
  return {
    async listCaptionRuns(meetingId) {
      return (await db.all(RUNS, [meetingId])).map(runFromRow);
    },
    async listTranscripts(meetingId) {
      return (await db.all(TRANSCRIPTS, [meetingId])).map(transcriptFromRow);
    },
    async getTranscript(recordingId) {
      const r = await db.one(ONE_TRANSCRIPT, [recordingId]);
      return r ? transcriptFromRow(r) : null;
    },
    async listDueRecapPosts(now, limit) {
      return (await db.all(DUE, [now, limit])).map(postFromRow);
    },
    async claimRecapPost(meetingId, now, until) {
      return (await db.run(CLAIM, [until, meetingId, now])) > 0;
    },
    async deferRecapPost(meetingId, notBefore, error) {
      await db.run(DEFER, [notBefore, error.slice(0, 500), meetingId]);
    },
  };
}
