// Leases on Postgres: one upsert takes a free or expired lease, or renews our own. Racing
// replicas serialise on the row lock and the loser re-checks holder and expiry, so one wins.

import type { LeaseMethods } from '../parts.js';
import type { PgDb } from './db.js';

const ACQUIRE = `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`;
const RELEASE = 'DELETE FROM leases WHERE name = $1 AND holder = $2';

/** Lease methods backed by `db`. */
export function postgresLeases(db: PgDb): LeaseMethods {
  return {
    async acquireLease(name, holder, ttlMs, now = Date.now()) {
      return (await db.changes(ACQUIRE, [name, holder, now + ttlMs, now])) > 0;
    },
    async releaseLease(name, holder) {
      await db.query(RELEASE, [name, holder]);
    },
  };
}
