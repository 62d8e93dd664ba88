// Leases on SQLite: one upsert takes a free or expired lease, or renews our own, in one statement.

import type { LeaseMethods } from '../parts.js';
import type { SqliteDb } from './db.js';

const ACQUIRE = `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`;
const RELEASE = 'DELETE FROM leases WHERE name = ? AND holder = ?';

/** Lease methods backed by `db`. */
export function sqliteLeases(db: SqliteDb): LeaseMethods {
  return {
    async acquireLease(name, holder, ttlMs, now = Date.now()) {
      return db.q(ACQUIRE).run(name, holder, now + ttlMs, now).changes > 0;
    },
    async releaseLease(name, holder) {
      db.q(RELEASE).run(name, holder);
    },
  };
}
