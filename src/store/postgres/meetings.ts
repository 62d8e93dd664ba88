// Meetings on Postgres. The one-active-meeting-per-channel rule lives in a partial unique index, so
// two replicas racing to start a meeting in one channel get one meeting and one conflict.

import { valuesOf, type Row } from '../columns.js';
import { meetingConflict } from '../errors.js';
import { meetingPatchColumns } from '../meeting-patch.js';
import type { MeetingMethods } from '../parts.js';
import { MEETINGS, meetingFromRow, meetingToRow } from '../rows.js';
import { insertSql, postgresPlaceholder } from '../upsert.js';
import { isUniqueViolation, type PgDb } from './db.js';

const INSERT = `${insertSql(MEETINGS, postgresPlaceholder)} RETURNING *`;
const BY_ID = 'SELECT * FROM meetings WHERE id = $1';
const BY_SESSION = 'SELECT * FROM meetings WHERE session_id = $1';
const ACTIVE_IN_CHANNEL =
  "SELECT * FROM meetings WHERE platform = $1 AND team_id = $2 AND channel_id = $3 AND status = 'active'";
const ACTIVE = "SELECT * FROM meetings WHERE status = 'active' ORDER BY created_at, id";
const TOUCH = 'UPDATE meetings SET version = version + 1 WHERE id = $1';

/** Maps a unique violation on meetings to a StoreConflictError; rethrows anything else. */
function rethrow(err: unknown): never {
  if (isUniqueViolation(err)) {
    throw meetingConflict(isUniqueViolation(err, 'meetings_one_active_per_channel'), err);
  }
  throw err;
}

/** Meeting methods backed by `db`. */
export function postgresMeetings(db: PgDb): MeetingMethods {
  const one = async (sql: string, params: unknown[]) => {
    const [row] = await db.rows(sql, params);
    return row ? meetingFromRow(row) : null;
  };
  return {
    async createMeeting(m) {
      const rows = await db.rows(INSERT, valuesOf(MEETINGS, meetingToRow(m))).catch(rethrow);
      return meetingFromRow(rows[0] as Row);
    },
    getMeeting: (id) => one(BY_ID, [id]),
    getMeetingBySession: (sessionId) => one(BY_SESSION, [sessionId]),
    getActiveMeetingInChannel: (platform, teamId, channelId) =>
      one(ACTIVE_IN_CHANNEL, [platform, teamId, channelId]),
    async listActiveMeetings() {
      return (await db.rows(ACTIVE)).map(meetingFromRow);
    },
    async updateMeeting(id, patch) {
      const cols = meetingPatchColumns(patch);
      const sets = [...cols.map(([c], i) => `${c} = $${i + 2}`), 'version = version + 1'].join(', ');
      return one(`UPDATE meetings SET ${sets} WHERE id = $1 RETURNING *`, [
        id,
        ...cols.map(([, v]) => v),
      ]).catch(rethrow);
    },
    async touchMeeting(id) {
      await db.query(TOUCH, [id]);
    },
  };
}
