// Idempotency-key reads and upkeep (claims and results go through commit), and leases: singleton
// work across replicas. A lease is one upsert that takes a free or expired lease or renews our own;
// racing replicas serialise on the row (Postgres re-checks holder and expiry on the locked row).

import type { KeyMethods, LeaseMethods } from '../parts.js';
import type { Sql } from '../sql.js';

const GET_RESULT = 'SELECT result FROM idempotency_keys WHERE scope = ? AND key = ?';
const PURGE = 'DELETE FROM idempotency_keys WHERE expires_at <= ?';
const ACQUIRE = `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`;
const RELEASE = 'DELETE FROM leases WHERE name = ? AND holder = ?';

/** Key methods over `db`. */
export function keyMethods(db: Sql): KeyMethods {
  return {
    async getKeyResult(scope, key) {
      const row = await db.one(GET_RESULT, [scope, key]);
      return row && row.result !== null && row.result !== undefined ? String(row.result) : null;
    },
    purgeExpiredKeys: (now) => db.run(PURGE, [now]),
  };
}

/** Lease methods over `db`. */
export function leaseMethods(db: Sql): LeaseMethods {
  return {
    async acquireLease(name, holder, ttlMs, now = Date.now()) {
      return (await db.run(ACQUIRE, [name, holder, now + ttlMs, now])) > 0;
    },
    async releaseLease(name, holder) {
      await db.run(RELEASE, [name, holder]);
    },
  };
}
