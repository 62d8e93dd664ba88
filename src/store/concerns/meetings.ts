// Meeting reads. Writes go through commit; the one-active-meeting-per-channel rule lives in a
// partial unique index, so the database, not a read-then-write in code, refuses a second one.

import type { MeetingMethods } from '../parts.js';
import { meetingFromRow } from '../rows.js';
import type { Sql } from '../sql.js';

/** One meeting by its ID. */
export const BY_ID = 'SELECT * FROM meetings WHERE id = ?';
// A room's session serves one meeting after another: the active one, else the latest. Two reads,
// because every callback asks and the active one is found through the one-active-per-session
// unique index, with nothing to sort; one statement ordering by "active first" sorted every time
// (SQLite opens and frees a temporary B-tree for it, ~3 us per callback).
const ACTIVE_BY_SESSION = "SELECT * FROM meetings WHERE session_id = ? AND status = 'active'";
const LATEST_BY_SESSION =
  'SELECT * FROM meetings WHERE session_id = ? ORDER BY created_at DESC, id DESC LIMIT 1';
const ACTIVE_IN_CHANNEL =
  "SELECT * FROM meetings WHERE platform = ? AND team_id = ? AND channel_id = ? AND status = 'active'";
const ACTIVE = "SELECT * FROM meetings WHERE status = 'active' ORDER BY created_at, id";

/** Meeting reads over `db`. */
export function meetingReads(db: Sql): MeetingMethods {
  const one = async (sql: string, params: unknown[]) => {
    const row = await db.one(sql, params);
    return row ? meetingFromRow(row) : null;
  };
  return {
    getMeeting: (id) => one(BY_ID, [id]),
    async getMeetingBySession(sessionId) {
      return (await one(ACTIVE_BY_SESSION, [sessionId])) ?? one(LATEST_BY_SESSION, [sessionId]);
    },
    getActiveMeetingInChannel: (platform, teamId, channelId) =>
      one(ACTIVE_IN_CHANNEL, [platform, teamId, channelId]),
    async listActiveMeetings() {
      return (await db.all(ACTIVE)).map(meetingFromRow);
    },
  };
}
