// Schedule reads, per-person time zones and the timer claim. The claim is one UPDATE that re-checks
// "unfinished and not held" on the row it changes (Postgres re-evaluates it on the locked, latest
// row; SQLite runs one writer at a time), so exactly one replica wins each due timer.

import { num, str } from '../columns.js';
import type { ScheduleMethods } from '../schedule-types.js';
import {
  occurrenceFromRow,
  postFromRow,
  rsvpFromRow,
  scheduleFromRow,
  timerFromRow,
} from '../schedule-rows.js';
import type { Sql } from '../sql.js';
import { LIMIT } from '../sql.js';

const GET = 'SELECT * FROM schedules WHERE id = ?';
const EXCEPTIONS =
  'SELECT occurrence_start FROM schedule_exceptions WHERE schedule_id = ? ORDER BY occurrence_start';
const IN_CHANNEL = `SELECT * FROM schedules WHERE platform = ? AND team_id = ? AND channel_id = ?
  AND (cancelled_from IS NULL OR cancelled_from > ?) ORDER BY created_at, id`;
const RSVPS =
  'SELECT * FROM schedule_rsvps WHERE schedule_id = ? AND occurrence_start = ? ORDER BY at, user_id';
const TIME_ZONE = 'SELECT zone FROM person_time_zones WHERE platform = ? AND user_id = ?';
const POSTS = 'SELECT * FROM schedule_posts WHERE schedule_id = ? ORDER BY created_at, message_id';
const OCCURRENCES = 'SELECT * FROM schedule_occurrences WHERE schedule_id = ? ORDER BY occurrence_start';
const OF_MEETING =
  'SELECT * FROM schedule_occurrences WHERE meeting_id = ? ORDER BY occurrence_start DESC LIMIT 1';
const DUE = `SELECT * FROM schedule_timers WHERE done_at IS NULL AND fire_at <= ?
  AND (claimed_at IS NULL OR claimed_at <= ?) ORDER BY fire_at, id ${LIMIT}`;
const next = (
  greatest: string,
) => `SELECT MIN(CASE WHEN claimed_at IS NULL THEN fire_at ELSE ${greatest} END) AS next_at
  FROM schedule_timers WHERE done_at IS NULL`;
const CLAIM = `UPDATE schedule_timers SET owner = ?, claimed_at = ?
  WHERE id = ? AND done_at IS NULL AND (claimed_at IS NULL OR claimed_at <= ?)`;

/** Schedule reads and the timer claim over `db` (their writes go through commit: write-methods.ts). */
export function scheduleReads(db: Sql): Omit<ScheduleMethods, 'finishTimer' | 'setPersonTimeZone'> {
  const NEXT = next(db.dialect.greatest('fire_at', 'claimed_at + ?'));
  const exceptions = async (id: string) =>
    (await db.all(EXCEPTIONS, [id])).map((r) => num(r.occurrence_start));
  return {
    async getSchedule(id) {
      const row = await db.one(GET, [id]);
      return row ? scheduleFromRow(row, await exceptions(id)) : null;
    },
    async listChannelSchedules(platform, teamId, channelId, now) {
      const rows = await db.all(IN_CHANNEL, [platform, teamId, channelId, now]);
      return Promise.all(rows.map(async (r) => scheduleFromRow(r, await exceptions(str(r.id)))));
    },
    async listRsvps(scheduleId, occurrenceStartMs) {
      return (await db.all(RSVPS, [scheduleId, occurrenceStartMs])).map(rsvpFromRow);
    },
    async getPersonTimeZone(platform, userId) {
      const row = await db.one(TIME_ZONE, [platform, userId]);
      return row ? str(row.zone) : null;
    },
    async listSchedulePosts(scheduleId) {
      return (await db.all(POSTS, [scheduleId])).map(postFromRow);
    },
    async listOccurrenceLinks(scheduleId) {
      return (await db.all(OCCURRENCES, [scheduleId])).map(occurrenceFromRow);
    },
    async occurrenceOfMeeting(meetingId) {
      const row = await db.one(OF_MEETING, [meetingId]);
      return row ? occurrenceFromRow(row) : null;
    },
    async dueTimers(untilMs, staleBefore, limit) {
      return (await db.all(DUE, [untilMs, staleBefore, limit])).map(timerFromRow);
    },
    async nextTimerAt(staleMs) {
      const row = await db.one(NEXT, [staleMs]);
      return row && row.next_at !== null && row.next_at !== undefined ? num(row.next_at) : null;
    },
    async claimTimer(id, owner, now, staleBefore) {
      return (await db.run(CLAIM, [owner, now, id, staleBefore])) > 0;
    },
  };
}
