// Meetings on SQLite. The one-active-meeting-per-channel rule lives in a partial unique index, so
// the database, not a read-then-write in code, refuses a second active meeting.

import { valuesOf } from '../columns.js';
import { meetingConflict } from '../errors.js';
import { meetingPatchColumns } from '../meeting-patch.js';
import type { MeetingMethods } from '../parts.js';
import { MEETINGS, meetingFromRow, meetingToRow } from '../rows.js';
import { insertSql, sqlitePlaceholder } from '../upsert.js';
import { isUniqueViolation, type SqliteDb } from './db.js';
import type { Row } from '../columns.js';

const INSERT = `${insertSql(MEETINGS, sqlitePlaceholder)} RETURNING *`;
const BY_ID = 'SELECT * FROM meetings WHERE id = ?';
const BY_SESSION = 'SELECT * FROM meetings WHERE session_id = ?';
const ACTIVE_IN_CHANNEL =
  "SELECT * FROM meetings WHERE platform = ? AND team_id = ? AND channel_id = ? AND status = 'active'";
const ACTIVE = "SELECT * FROM meetings WHERE status = 'active' ORDER BY created_at, id";
const TOUCH = 'UPDATE meetings SET version = version + 1 WHERE id = ?';

/** Maps a SQLite unique violation on meetings to a StoreConflictError; rethrows anything else. */
function rethrow(err: unknown): never {
  if (isUniqueViolation(err)) {
    throw meetingConflict(String((err as Error).message).includes('meetings.channel_id'), err);
  }
  throw err;
}

/** Meeting methods backed by `db`. */
export function sqliteMeetings(db: SqliteDb): MeetingMethods {
  const one = (sql: string, ...params: unknown[]) => {
    const row = db.q(sql).get(...params) as Row | undefined;
    return row ? meetingFromRow(row) : null;
  };
  return {
    async createMeeting(m) {
      try {
        return meetingFromRow(db.q(INSERT).get(...valuesOf(MEETINGS, meetingToRow(m))) as Row);
      } catch (err) {
        rethrow(err);
      }
    },
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
    async updateMeeting(id, patch) {
      const cols = meetingPatchColumns(patch);
      const sets = [...cols.map(([c]) => `${c} = ?`), 'version = version + 1'].join(', ');
      try {
        return one(`UPDATE meetings SET ${sets} WHERE id = ? RETURNING *`, ...cols.map(([, v]) => v), id);
      } catch (err) {
        rethrow(err);
      }
    },
    async touchMeeting(id) {
      db.q(TOUCH).run(id);
    },
  };
}
