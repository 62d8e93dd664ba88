// Pending commands: acknowledged chat requests, re-run by another replica if their owner dies.
// Recording and finishing go through commit. The stale claim hands each command to exactly one
// caller: SQLite runs one writer at a time; on Postgres the candidate rows are locked with FOR
// UPDATE SKIP LOCKED and the UPDATE re-checks status and heartbeat on the locked row, so a command
// its owner just finished is left alone.
//
// An owner says it is alive with one lease row, `alive:<owner>`, not by rewriting every row it owns:
// that UPDATE grew with the backlog (20,000 pending rows: 26-37 ms on SQLite's main thread,
// 86-124 ms on Postgres, every 3 s; bench/pending-heartbeat.mjs). A row is taken over only when its
// own heartbeat is stale and its owner's lease has expired. Replicas of an earlier version read only the rows'
// heartbeats: while one of them holds a recovery lease (a holder with no alive mark), an owner
// still rewrites every row it owns, so a rolling upgrade weakens nothing; otherwise only rows older
// than half the lease's life (few live so long: a request waits at most 5 s for its turn), which
// the stale index (heartbeat_at) finds.

import type { PendingMethods } from '../parts.js';
import { PENDING_COLUMNS, pendingFromRow } from '../pending-rows.js';
import type { Sql } from '../sql.js';
import { LIMIT } from '../sql.js';

/** The lease an owner renews while it is alive. */
const ALIVE_PREFIX = 'alive:';
const RECOVERY_SUFFIX = '-pending-recovery';

/** The lease of the replica that takes over `platform`'s requests whose owner died. */
export const recoveryLease = (platform: string): string => `${platform}${RECOVERY_SUFFIX}`;

const TAKE_OVER_KEY = 'UPDATE idempotency_keys SET result = ? WHERE scope = ? AND key = ? AND result IS NULL';
const ALIVE = `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`;
const HEARTBEAT =
  "UPDATE pending_commands SET heartbeat_at = ? WHERE owner = ? AND status = 'pending' AND heartbeat_at < ?";
// A live recovery lease held by a replica that writes no alive mark: one of an earlier version.
const EARLIER_RECOVERER = `SELECT 1 AS found FROM leases r WHERE r.name LIKE '%${RECOVERY_SUFFIX}' AND r.expires_at > ?
  AND NOT EXISTS (SELECT 1 FROM leases a WHERE a.name = '${ALIVE_PREFIX}' || r.holder AND a.expires_at > ?)`;
const claim = (
  skipLocked: string,
) => `UPDATE pending_commands SET owner = ?, heartbeat_at = ?, attempts = attempts + 1
  WHERE id IN (SELECT p.id FROM pending_commands p WHERE p.status = 'pending' AND p.heartbeat_at < ?
               AND (CAST(? AS TEXT) IS NULL OR p.platform = ?)
               AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.name = '${ALIVE_PREFIX}' || p.owner AND l.expires_at > ?)
               ORDER BY p.created_at ${LIMIT}${skipLocked})
    AND status = 'pending' AND heartbeat_at < ?
  RETURNING ${PENDING_COLUMNS}`;
const PURGE = "DELETE FROM pending_commands WHERE status = 'done' AND finished_at < ?";
const PURGE_ALIVE = `DELETE FROM leases WHERE name LIKE '${ALIVE_PREFIX}%' AND expires_at < ?`;

/** Pending-command methods over `db`. */
export function pendingMethods(db: Sql): PendingMethods {
  const CLAIM = claim(db.dialect.skipLocked);
  return {
    async takeOverUnfinishedKey(scope, key, marker) {
      return (await db.run(TAKE_OVER_KEY, [marker, scope, key])) > 0;
    },
    async heartbeatPendingCommands(owner, now, ttlMs) {
      await db.run(ALIVE, [`${ALIVE_PREFIX}${owner}`, owner, now + ttlMs]);
      const everyRow = (await db.one(EARLIER_RECOVERER, [now, now])) !== null;
      return db.run(HEARTBEAT, [now, owner, everyRow ? now + 1 : now - Math.floor(ttlMs / 2)]);
    },
    async claimStalePendingCommands(owner, staleBefore, now, limit, platform) {
      const only = platform ?? null;
      const rows = await db.returning(CLAIM, [owner, now, staleBefore, only, only, now, limit, staleBefore]);
      return rows.map(pendingFromRow).sort((a, b) => a.createdAt - b.createdAt);
    },
    async purgeFinishedCommands(before) {
      const done = await db.run(PURGE, [before]);
      await db.run(PURGE_ALIVE, [before]);
      return done;
    },
  };
}
