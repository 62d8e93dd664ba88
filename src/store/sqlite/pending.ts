// Pending commands on SQLite. SQLite runs one writer at a time, so the stale-claim UPDATE ... RETURNING
// hands each command to exactly one caller.

import type { PendingMethods } from '../parts.js';
import { PENDING_COLUMNS, pendingFromRow } from '../pending-rows.js';
import type { SqliteDb } from './db.js';

const TAKE_OVER_KEY = 'UPDATE idempotency_keys SET result = ? WHERE scope = ? AND key = ? AND result IS NULL';
const HEARTBEAT = "UPDATE pending_commands SET heartbeat_at = ? WHERE owner = ? AND status = 'pending'";
const CLAIM = `UPDATE pending_commands SET owner = ?, heartbeat_at = ?, attempts = attempts + 1
  WHERE id IN (SELECT id FROM pending_commands WHERE status = 'pending' AND heartbeat_at < ?
               AND (? IS NULL OR platform = ?) ORDER BY created_at LIMIT ?)
  RETURNING ${PENDING_COLUMNS}`;
const PURGE = "DELETE FROM pending_commands WHERE status = 'done' AND finished_at < ?";

/** Pending-command methods backed by `db`. */
export function sqlitePending(db: SqliteDb): PendingMethods {
  return {
    async takeOverUnfinishedKey(scope, key, marker) {
      return db.q(TAKE_OVER_KEY).run(marker, scope, key).changes > 0;
    },
    async heartbeatPendingCommands(owner, now) {
      return db.q(HEARTBEAT).run(now, owner).changes;
    },
    async claimStalePendingCommands(owner, staleBefore, now, limit, platform) {
      const only = platform ?? null;
      const rows = db.q(CLAIM).all(owner, now, staleBefore, only, only, limit) as Array<
        Record<string, unknown>
      >;
      return rows.map(pendingFromRow).sort((a, b) => a.createdAt - b.createdAt);
    },
    async purgeFinishedCommands(before) {
      return db.q(PURGE).run(before).changes;
    },
  };
}
