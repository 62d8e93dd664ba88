// Idempotency keys and processed-callback IDs on SQLite. A claim is one INSERT ... ON CONFLICT
// whose DO UPDATE only fires for an expired key, so exactly one caller wins each live key.

import type { KeyMethods } from '../parts.js';
import type { SqliteDb } from './db.js';

const CLAIM = `INSERT INTO idempotency_keys (scope, key, created_at, expires_at, result) VALUES (?, ?, ?, ?, NULL)
  ON CONFLICT (scope, key) DO UPDATE SET created_at = excluded.created_at, expires_at = excluded.expires_at, result = NULL
  WHERE idempotency_keys.expires_at <= excluded.created_at`;
const SET_RESULT = 'UPDATE idempotency_keys SET result = ? WHERE scope = ? AND key = ?';
const GET_RESULT = 'SELECT result FROM idempotency_keys WHERE scope = ? AND key = ?';
const PURGE = 'DELETE FROM idempotency_keys WHERE expires_at <= ?';

/** Key methods backed by `db`. */
export function sqliteKeys(db: SqliteDb): KeyMethods {
  return {
    async claimKey(scope, key, ttlMs, now = Date.now()) {
      return db.q(CLAIM).run(scope, key, now, now + ttlMs).changes > 0;
    },
    async setKeyResult(scope, key, result) {
      db.q(SET_RESULT).run(result, scope, key);
    },
    async getKeyResult(scope, key) {
      const row = db.q(GET_RESULT).get(scope, key) as { result: string | null } | undefined;
      return row?.result ?? null;
    },
    async purgeExpiredKeys(now) {
      return db.q(PURGE).run(now).changes;
    },
  };
}
