// Meetings on Postgres. The one-active-meeting-per-channel rule lives in a partial unique index, so
// two replicas racing to start a meeting in one channel get one meeting and one conflict.

import type { MeetingMethods } from '../parts.js';
import { meetingFromRow } from '../rows.js';
import type { PgDb } from './db.js';

const BY_ID = 'SELECT * FROM meetings WHERE id = $1';
const BY_SESSION = 'SELECT * FROM meetings WHERE session_id = $1';
const ACTIVE_IN_CHANNEL =
  "SELECT * FROM meetings WHERE platform = $1 AND team_id = $2 AND channel_id = $3 AND status = 'active'";
const ACTIVE = "SELECT * FROM meetings WHERE status = 'active' ORDER BY created_at, id";

/** Meeting methods backed by `db`. */
export function postgresMeetings(db: PgDb): MeetingMethods {
  const one = async (sql: string, params: unknown[]) => {
    const [row] = await db.rows(sql, params);
    return row ? meetingFromRow(row) : null;
  };
  return {
    getMeeting: (id) => one(BY_ID, [id]),
    getMeetingBySession: (sessionId) => one(BY_SESSION, [sessionId]),
    getActiveMeetingInChannel: (platform, teamId, channelId) =>
      one(ACTIVE_IN_CHANNEL, [platform, teamId, channelId]),
    async listActiveMeetings() {
      return (await db.rows(ACTIVE)).map(meetingFromRow);
    },
  };
}
