// The audit log (appended through commit) and platform installations.

import { jsonOut } from '../columns.js';
import type { LedgerMethods } from '../parts.js';
import { auditFromRow, installationFromRow } from '../rows.js';
import type { Sql } from '../sql.js';

const LIST_AUDIT = 'SELECT * FROM audit_log WHERE meeting_id = ? ORDER BY at, id';
const SAVE_INSTALLATION = `INSERT INTO installations (platform, team_id, data, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (platform, team_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`;
const GET_INSTALLATION = 'SELECT * FROM installations WHERE platform = ? AND team_id = ?';
const DELETE_INSTALLATION = 'DELETE FROM installations WHERE platform = ? AND team_id = ?';

/** Audit and installation methods over `db`. */
export function ledgerMethods(db: Sql): LedgerMethods {
  return {
    async listAudit(meetingId) {
      return (await db.all(LIST_AUDIT, [meetingId])).map(auditFromRow);
    },
    async saveInstallation(i) {
      await db.run(SAVE_INSTALLATION, [i.platform, i.teamId, jsonOut(i.data), i.updatedAt]);
    },
    async getInstallation(platform, teamId) {
      const row = await db.one(GET_INSTALLATION, [platform, teamId]);
      return row ? installationFromRow(row) : null;
    },
    async deleteInstallation(platform, teamId) {
      await db.run(DELETE_INSTALLATION, [platform, teamId]);
    },
  };
}
