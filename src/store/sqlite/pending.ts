// Pending commands on SQLite. SQLite runs one writer at a time, so the stale-claim UPDATE ... RETURNING
// hands each command to exactly one caller.

import type { PendingMethods } from '../parts.js';
import { PENDING_COLUMNS, pendingFromRow } from '../pending-rows.js';
import type { SqliteDb } from './db.js';
import { AUDIT } from './ledger.js';

const SET_RESULT = 'UPDATE idempotency_keys SET result = ? WHERE scope = ? AND key = ?';
const TAKE_OVER_KEY = 'UPDATE idempotency_keys SET result = ? WHERE scope = ? AND key = ? AND result IS NULL';
const RECORD = `INSERT INTO pending_commands (id, platform, kind, payload, owner, status, created_at, heartbeat_at)
  VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) DO NOTHING`;
const HEARTBEAT = "UPDATE pending_commands SET heartbeat_at = ? WHERE owner = ? AND status = 'pending'";
const FINISH = `UPDATE pending_commands SET status = 'done', payload = NULL, reply = ?, finished_at = ?
  WHERE id = ? AND status = 'pending'`;
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
    async setKeyResultWithAudit(scope, key, result, e) {
      db.tx(() => {
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
        db.q(SET_RESULT).run(result, scope, key);
      });
    },
    async recordPendingCommand(c, now) {
      return db.q(RECORD).run(c.id, c.platform, c.kind, c.payload, c.owner, now, now).changes > 0;
    },
    async heartbeatPendingCommands(owner, now) {
      return db.q(HEARTBEAT).run(now, owner).changes;
    },
    async finishPendingCommand(id, reply, now) {
      db.q(FINISH).run(reply, now, id);
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
