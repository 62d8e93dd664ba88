// Meetings on SQLite. The one-active-meeting-per-channel rule lives in a partial unique index, so
// the database, not a read-then-write in code, refuses a second active meeting.

import type { MeetingMethods } from '../parts.js';
import { meetingFromRow } from '../rows.js';
import type { SqliteDb } from './db.js';
import type { Row } from '../columns.js';

const BY_ID = 'SELECT * FROM meetings WHERE id = ?';
const BY_SESSION = 'SELECT * FROM meetings WHERE session_id = ?';
const ACTIVE_IN_CHANNEL =
  "SELECT * FROM meetings WHERE platform = ? AND team_id = ? AND channel_id = ? AND status = 'active'";
const ACTIVE = "SELECT * FROM meetings WHERE status = 'active' ORDER BY created_at, id";

/** Meeting methods backed by `db`. */
export function sqliteMeetings(db: SqliteDb): MeetingMethods {
  const one = (sql: string, ...params: unknown[]) => {
    const row = db.q(sql).get(...params) as Row | undefined;
    return row ? meetingFromRow(row) : null;
  };
  return {
    async getMeeting(id) {
      return one(BY_ID, id);
    },
    async getMeetingBySession(sessionId) {
      return one(BY_SESSION, sessionId);
    },
    async getActiveMeetingInChannel(platform, teamId, channelId) {
      return one(ACTIVE_IN_CHANNEL, platform, teamId, channelId);
    },
    async listActiveMeetings() {
      return (db.q(ACTIVE).all() as Row[]).map(meetingFromRow);
    },
  };
}
