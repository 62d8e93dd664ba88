// Reconciliation verdicts: when the Video API last confirmed a meeting, since when confirming has
// failed, and whether the API forgot the session. One row per meeting, written by the reconciler.

import { numOrNull, str, strOrNull, type Row } from '../columns.js';
import type { Dialect } from '../dialect.js';
import type { CheckMethods } from '../parts.js';
import type { Sql } from '../sql.js';
import type { MeetingCheckRecord, StoreWrite } from '../types.js';

// Two reconcilers never run at once (lease), but a slow one finishing late must not move
// confirmed_at back, hence the greatest().
const confirmed = (d: Dialect) => `INSERT INTO meeting_checks (meeting_id, confirmed_at) VALUES (?, ?)
  ON CONFLICT (meeting_id) DO UPDATE SET
    confirmed_at = ${d.greatest('COALESCE(meeting_checks.confirmed_at, 0)', 'excluded.confirmed_at')},
    failing_since = NULL, failure = NULL`;
// The first failure is kept: the card says since when the meeting has not been confirmed.
const FAILED = `INSERT INTO meeting_checks (meeting_id, failing_since, failure) VALUES (?, ?, ?)
  ON CONFLICT (meeting_id) DO UPDATE SET
    failing_since = COALESCE(meeting_checks.failing_since, excluded.failing_since), failure = excluded.failure`;
const FORGOTTEN = `INSERT INTO meeting_checks (meeting_id, forgotten_at) VALUES (?, ?)
  ON CONFLICT (meeting_id) DO UPDATE SET forgotten_at = COALESCE(meeting_checks.forgotten_at, excluded.forgotten_at)`;
/** The reconciliation verdict of one meeting. */
export const GET_CHECK = 'SELECT * FROM meeting_checks WHERE meeting_id = ?';

/** A meeting_checks row as its record. */
export function checkFromRow(r: Row): MeetingCheckRecord {
  return {
    meetingId: str(r.meeting_id),
    confirmedAt: numOrNull(r.confirmed_at),
    failingSince: numOrNull(r.failing_since),
    failure: strOrNull(r.failure),
    forgottenAt: numOrNull(r.forgotten_at),
  };
}

/** The statement of a meetingCheck write (always changes its row). */
export function meetingCheckStatement(
  w: Extract<StoreWrite, { kind: 'meetingCheck' }>,
  d: Dialect,
): { sql: string; params: unknown[] } {
  switch (w.outcome) {
    case 'confirmed':
      return { sql: confirmed(d), params: [w.meetingId, w.at] };
    case 'failed':
      return { sql: FAILED, params: [w.meetingId, w.at, w.failure ?? 'unknown'] };
    case 'forgotten':
      return { sql: FORGOTTEN, params: [w.meetingId, w.at] };
  }
}

/** Check reads over `db`. */
export function checkMethods(db: Sql): CheckMethods {
  return {
    async getMeetingCheck(meetingId) {
      const r = await db.one(GET_CHECK, [meetingId]);
      return r ? checkFromRow(r) : null;
    },
  };
}
