// The audit log and platform installations on SQLite.

import { jsonOut, type Row } from '../columns.js';
import type { LedgerMethods } from '../parts.js';
import { auditFromRow, installationFromRow } from '../rows.js';
import type { SqliteDb } from './db.js';

const LIST_AUDIT = 'SELECT * FROM audit_log WHERE meeting_id = ? ORDER BY at, id';
const SAVE_INSTALLATION = `INSERT INTO installations (platform, team_id, data, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (platform, team_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`;
const GET_INSTALLATION = 'SELECT * FROM installations WHERE platform = ? AND team_id = ?';
const DELETE_INSTALLATION = 'DELETE FROM installations WHERE platform = ? AND team_id = ?';

/** Audit and installation methods backed by `db`. */
export function sqliteLedger(db: SqliteDb): LedgerMethods {
  return {
    async listAudit(meetingId) {
      return (db.q(LIST_AUDIT).all(meetingId) as Row[]).map(auditFromRow);
    },
    async saveInstallation(i) {
      db.q(SAVE_INSTALLATION).run(i.platform, i.teamId, jsonOut(i.data), i.updatedAt);
    },
    async getInstallation(platform, teamId) {
      const row = db.q(GET_INSTALLATION).get(platform, teamId) as Row | undefined;
      return row ? installationFromRow(row) : null;
    },
    async deleteInstallation(platform, teamId) {
      db.q(DELETE_INSTALLATION).run(platform, teamId);
    },
  };
}
