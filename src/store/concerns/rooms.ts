// Room reads and the idle-end claim. The claim is one UPDATE that re-checks "this idle end, not
// held" on the row it changes (Postgres re-evaluates it on the locked, latest row; SQLite runs one
// writer at a time), so exactly one replica ends an idle room's meeting.

import { num } from '../columns.js';
import type { RoomMethods } from '../room-types.js';
import { roomFromRow } from '../room-rows.js';
import type { Sql } from '../sql.js';
import { LIMIT } from '../sql.js';

const BY_ID = 'SELECT * FROM rooms WHERE id = ?';
const IN_CHANNEL = 'SELECT * FROM rooms WHERE platform = ? AND team_id = ? AND channel_id = ?';
const BY_SESSION = 'SELECT * FROM rooms WHERE session_id = ?';
const BUSY = `SELECT r.* FROM rooms r WHERE r.idle_end_at IS NULL
  AND EXISTS (SELECT 1 FROM meetings m WHERE m.session_id = r.session_id AND m.status = 'active')
  ORDER BY r.id ${LIMIT}`;
const DUE = `SELECT * FROM rooms WHERE idle_end_at IS NOT NULL AND idle_end_at <= ?
  AND (idle_claimed_at IS NULL OR idle_claimed_at <= ?) ORDER BY idle_end_at, id ${LIMIT}`;
const next = (greatest: string) =>
  `SELECT MIN(CASE WHEN idle_claimed_at IS NULL THEN idle_end_at ELSE ${greatest} END) AS next_at
  FROM rooms WHERE idle_end_at IS NOT NULL`;
const CLAIM = `UPDATE rooms SET idle_owner = ?, idle_claimed_at = ?
  WHERE id = ? AND idle_end_at = ? AND (idle_claimed_at IS NULL OR idle_claimed_at <= ?)`;

/** Room reads and the idle claim over `db` (room writes go through commit: room-rows.ts). */
export function roomReads(db: Sql): RoomMethods {
  const NEXT = next(db.dialect.greatest('idle_end_at', 'idle_claimed_at + ?'));
  const one = async (sql: string, params: unknown[]) => {
    const row = await db.one(sql, params);
    return row ? roomFromRow(row) : null;
  };
  return {
    getRoom: (id) => one(BY_ID, [id]),
    getRoomInChannel: (platform, teamId, channelId) => one(IN_CHANNEL, [platform, teamId, channelId]),
    getRoomBySession: (sessionId) => one(BY_SESSION, [sessionId]),
    async listBusyRooms(limit) {
      return (await db.all(BUSY, [limit])).map(roomFromRow);
    },
    async dueRoomIdles(untilMs, staleBefore, limit) {
      return (await db.all(DUE, [untilMs, staleBefore, limit])).map(roomFromRow);
    },
    async nextRoomIdleAt(staleMs) {
      const row = await db.one(NEXT, [staleMs]);
      return row && row.next_at !== null && row.next_at !== undefined ? num(row.next_at) : null;
    },
    async claimRoomIdle(id, endAt, owner, now, staleBefore) {
      return (await db.run(CLAIM, [owner, now, id, endAt, staleBefore])) > 0;
    },
  };
}
