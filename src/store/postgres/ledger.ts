// The audit log and platform installations on Postgres.

import { jsonOut } from '../columns.js';
import type { LedgerMethods } from '../parts.js';
import { auditFromRow, installationFromRow } from '../rows.js';
import type { PgDb } from './db.js';

const LIST_AUDIT = 'SELECT * FROM audit_log WHERE meeting_id = $1 ORDER BY at, id';
const SAVE_INSTALLATION = `INSERT INTO installations (platform, team_id, data, updated_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (platform, team_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`;
const GET_INSTALLATION = 'SELECT * FROM installations WHERE platform = $1 AND team_id = $2';
const DELETE_INSTALLATION = 'DELETE FROM installations WHERE platform = $1 AND team_id = $2';

/** Audit and installation methods backed by `db`. */
export function postgresLedger(db: PgDb): LedgerMethods {
  return {
    async listAudit(meetingId) {
      return (await db.rows(LIST_AUDIT, [meetingId])).map(auditFromRow);
    },
    async saveInstallation(i) {
      await db.query(SAVE_INSTALLATION, [i.platform, i.teamId, jsonOut(i.data), i.updatedAt]);
    },
    async getInstallation(platform, teamId) {
      const [row] = await db.rows(GET_INSTALLATION, [platform, teamId]);
      return row ? installationFromRow(row) : null;
    },
    async deleteInstallation(platform, teamId) {
      await db.query(DELETE_INSTALLATION, [platform, teamId]);
    },
  };
}
