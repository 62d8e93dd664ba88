// The recordings library's reads and writes: a channel's recordings across its meetings, ID
// prefixes, attendance by chat identity, a person's meetings, and the retention sweep's marks.
// Each read is one indexed query (recordings joined to their meeting in one row).

import { num, type Row } from '../columns.js';
import type { Dialect } from '../dialect.js';
import type { LibraryItem, LibraryMethods, LibraryWrite } from '../library-types.js';
import { RECORDINGS, recordingFromRow } from '../media-rows.js';
import { meetingFromRow } from '../rows.js';
import type { Sql } from '../sql.js';
import { LIMIT, OFFSET } from '../sql.js';
import type { StoreWrite } from '../types.js';

// Recording columns as r_*, so one row carries both records without name clashes: the upserted
// columns and the two only the retention sweep writes.
const R = [...RECORDINGS.columns, 'expired_at', 'retention_days'];
const JOINED = `SELECT m.*, ${R.map((c) => `r.${c} AS r_${c}`).join(', ')}
  FROM recordings r JOIN meetings m ON m.id = r.meeting_id`;
// Deleted by hand: gone from the library. Deleted by retention: listed, saying so.
const LISTED = "(r.status <> 'deleted' OR r.expired_at IS NOT NULL)";
const IN_CHANNEL = `m.platform = ? AND m.team_id = ? AND m.channel_id = ? AND ${LISTED}`;
const NEWEST = 'ORDER BY r.created_at DESC, r.id DESC';
const PAGE = `${JOINED} WHERE ${IN_CHANNEL} ${NEWEST} ${LIMIT} ${OFFSET}`;
const PAGE_OF_MEETING = `${JOINED} WHERE ${IN_CHANNEL} AND m.id = ? ${NEWEST} ${LIMIT} ${OFFSET}`;
const COUNT = `SELECT COUNT(*) AS n FROM recordings r JOIN meetings m ON m.id = r.meeting_id WHERE ${IN_CHANNEL}`;
const COUNT_OF_MEETING = `${COUNT} AND m.id = ?`;
// IDs are hex and dashes (checked by the caller), so the prefix holds no LIKE wildcard.
const BY_PREFIX = `${JOINED} WHERE m.platform = ? AND m.team_id = ? AND r.id LIKE ? AND ${LISTED} ${NEWEST} ${LIMIT}`;
const LATEST = `SELECT * FROM meetings WHERE platform = ? AND team_id = ? AND channel_id = ?
  ORDER BY created_at DESC, id DESC LIMIT 1`;
const ATTENDED = 'SELECT 1 AS yes FROM attendance WHERE meeting_id = ? AND user_id = ?';
const PERSON = `SELECT * FROM meetings WHERE platform = ? AND team_id = ? AND (host_id = ? OR id IN
  (SELECT meeting_id FROM attendance WHERE platform = ? AND user_id = ?)) ORDER BY created_at DESC, id DESC ${LIMIT}`;
const EXPIRED = `${JOINED} WHERE r.created_at < ? AND r.status NOT IN ('started', 'paused', 'deleted')
  AND r.expired_at IS NULL ORDER BY r.created_at, r.id ${LIMIT}`;
const ATTEND = `INSERT INTO attendance (meeting_id, platform, user_id, name, first_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (meeting_id, user_id) DO NOTHING`;
const expire = (d: Dialect) => `UPDATE recordings SET status = 'deleted', expired_at = ?, retention_days = ?,
  seq = ${d.greatest('seq + 1', '?')} WHERE id = ? AND expired_at IS NULL`;

const KINDS = new Set<string>(['attend', 'expireRecording']);

/** Whether `w` is a library write. */
export function isLibraryWrite(w: StoreWrite): w is LibraryWrite {
  return KINDS.has(w.kind);
}

/** The statement of a library write. */
export function libraryStatement(w: LibraryWrite, d: Dialect): { sql: string; params: unknown[] } {
  if (w.kind === 'attend') return { sql: ATTEND, params: [w.meetingId, w.platform, w.userId, w.name, w.at] };
  return { sql: expire(d), params: [w.at, w.days, w.at, w.id] };
}

function itemFromRow(row: Row): LibraryItem {
  const rec: Row = {};
  for (const c of R) rec[c] = row[`r_${c}`];
  return { recording: recordingFromRow(rec), meeting: meetingFromRow(row) };
}

/** Library reads over `db`. */
export function libraryReads(db: Sql): LibraryMethods {
  return {
    async listChannelRecordings(q) {
      const where = [q.platform, q.teamId, q.channelId];
      const [rows, count] =
        q.meetingId === undefined
          ? [await db.all(PAGE, [...where, q.limit, q.offset]), await db.one(COUNT, where)]
          : [
              await db.all(PAGE_OF_MEETING, [...where, q.meetingId, q.limit, q.offset]),
              await db.one(COUNT_OF_MEETING, [...where, q.meetingId]),
            ];
      return { items: rows.map(itemFromRow), total: count ? num(count.n) : 0 };
    },
    async findRecordings(platform, teamId, prefix, limit) {
      return (await db.all(BY_PREFIX, [platform, teamId, `${prefix.toLowerCase()}%`, limit])).map(
        itemFromRow,
      );
    },
    async getLatestMeetingInChannel(platform, teamId, channelId) {
      const row = await db.one(LATEST, [platform, teamId, channelId]);
      return row ? meetingFromRow(row) : null;
    },
    async hasAttended(meetingId, userId) {
      return (await db.one(ATTENDED, [meetingId, userId])) !== null;
    },
    async listPersonMeetings(platform, teamId, userId, limit) {
      return (await db.all(PERSON, [platform, teamId, userId, platform, userId, limit])).map(meetingFromRow);
    },
    async listExpiredRecordings(before, limit) {
      return (await db.all(EXPIRED, [before, limit])).map(itemFromRow);
    },
  };
}
