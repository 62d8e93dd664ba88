// The audit log and platform installations on SQLite.

import { jsonOut, type Row } from '../columns.js';
import type { LedgerMethods } from '../parts.js';
import { auditFromRow, installationFromRow } from '../rows.js';
import type { SqliteDb } from './db.js';

/** Appends one audit entry (also used where an entry is written with a command's stored reply). */
export const AUDIT = `INSERT INTO audit_log (meeting_id, platform, actor_id, actor_name, action, target, outcome, detail, at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const LIST_AUDIT = 'SELECT * FROM audit_log WHERE meeting_id = ? ORDER BY at, id';
const SAVE_INSTALLATION = `INSERT INTO installations (platform, team_id, data, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (platform, team_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`;
const GET_INSTALLATION = 'SELECT * FROM installations WHERE platform = ? AND team_id = ?';
const DELETE_INSTALLATION = 'DELETE FROM installations WHERE platform = ? AND team_id = ?';

/** Audit and installation methods backed by `db`. */
export function sqliteLedger(db: SqliteDb): LedgerMethods {
  return {
    async audit(e) {
      db.q(AUDIT).run(
        e.meetingId,
        e.platform,
        e.actorId,
        e.actorName,
        e.action,
        e.target,
        e.outcome,
        e.detail,
        e.at,
      );
    },
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
