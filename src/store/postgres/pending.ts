// Pending commands on Postgres. The stale claim locks candidate rows with FOR UPDATE SKIP LOCKED and
// the UPDATE re-checks status and heartbeat on the locked row, so of two recovering replicas only
// one takes each command, and a command whose owner just finished it is left alone.

import type { PendingMethods } from '../parts.js';
import { PENDING_COLUMNS, pendingFromRow } from '../pending-rows.js';
import type { PgDb } from './db.js';

const TAKE_OVER_KEY =
  'UPDATE idempotency_keys SET result = $1 WHERE scope = $2 AND key = $3 AND result IS NULL';
const HEARTBEAT = "UPDATE pending_commands SET heartbeat_at = $1 WHERE owner = $2 AND status = 'pending'";
const CLAIM = `UPDATE pending_commands SET owner = $1, heartbeat_at = $2, attempts = attempts + 1
  WHERE id IN (SELECT id FROM pending_commands WHERE status = 'pending' AND heartbeat_at < $3
               AND ($5::text IS NULL OR platform = $5) ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED)
    AND status = 'pending' AND heartbeat_at < $3
  RETURNING ${PENDING_COLUMNS}`;
const PURGE = "DELETE FROM pending_commands WHERE status = 'done' AND finished_at < $1";

/** Pending-command methods backed by `db`. */
export function postgresPending(db: PgDb): PendingMethods {
  return {
    async takeOverUnfinishedKey(scope, key, marker) {
      return (await db.changes(TAKE_OVER_KEY, [marker, scope, key])) > 0;
    },
    heartbeatPendingCommands(owner, now) {
      return db.changes(HEARTBEAT, [now, owner]);
    },
    async claimStalePendingCommands(owner, staleBefore, now, limit, platform) {
      const rows = await db.rows(CLAIM, [owner, now, staleBefore, limit, platform ?? null]);
      return rows.map(pendingFromRow).sort((a, b) => a.createdAt - b.createdAt);
    },
    purgeFinishedCommands(before) {
      return db.changes(PURGE, [before]);
    },
  };
}
