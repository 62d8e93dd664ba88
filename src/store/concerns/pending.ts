// Pending commands: acknowledged chat requests, re-run by another replica if their owner dies.
// Recording and finishing go through commit. The stale claim hands each command to exactly one
// caller: SQLite runs one writer at a time; on Postgres the candidate rows are locked with FOR
// UPDATE SKIP LOCKED and the UPDATE re-checks status and heartbeat on the locked row, so a command
// its owner just finished is left alone.

import type { PendingMethods } from '../parts.js';
import { PENDING_COLUMNS, pendingFromRow } from '../pending-rows.js';
import type { Sql } from '../sql.js';
import { LIMIT } from '../sql.js';

const TAKE_OVER_KEY = 'UPDATE idempotency_keys SET result = ? WHERE scope = ? AND key = ? AND result IS NULL';
const HEARTBEAT = "UPDATE pending_commands SET heartbeat_at = ? WHERE owner = ? AND status = 'pending'";
const claim = (
  skipLocked: string,
) => `UPDATE pending_commands SET owner = ?, heartbeat_at = ?, attempts = attempts + 1
  WHERE id IN (SELECT id FROM pending_commands WHERE status = 'pending' AND heartbeat_at < ?
               AND (CAST(? AS TEXT) IS NULL OR platform = ?) ORDER BY created_at ${LIMIT}${skipLocked})
    AND status = 'pending' AND heartbeat_at < ?
  RETURNING ${PENDING_COLUMNS}`;
const PURGE = "DELETE FROM pending_commands WHERE status = 'done' AND finished_at < ?";

/** Pending-command methods over `db`. */
export function pendingMethods(db: Sql): PendingMethods {
  const CLAIM = claim(db.dialect.skipLocked);
  return {
    async takeOverUnfinishedKey(scope, key, marker) {
      return (await db.run(TAKE_OVER_KEY, [marker, scope, key])) > 0;
    },
    heartbeatPendingCommands: (owner, now) => db.run(HEARTBEAT, [now, owner]),
    async claimStalePendingCommands(owner, staleBefore, now, limit, platform) {
      const only = platform ?? null;
      const rows = await db.returning(CLAIM, [owner, now, staleBefore, only, only, limit, staleBefore]);
      return rows.map(pendingFromRow).sort((a, b) => a.createdAt - b.createdAt);
    },
    purgeFinishedCommands: (before) => db.run(PURGE, [before]),
  };
}
