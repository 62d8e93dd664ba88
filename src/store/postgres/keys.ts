// Idempotency keys and processed-callback IDs on Postgres, unique across replicas. The DO UPDATE
// (re-claiming an expired key) re-checks expiry on the locked latest row, so of two replicas
// re-claiming the same expired key only one succeeds.

import type { KeyMethods } from '../parts.js';
import type { PgDb } from './db.js';

const CLAIM = `INSERT INTO idempotency_keys (scope, key, created_at, expires_at, result) VALUES ($1, $2, $3, $4, NULL)
  ON CONFLICT (scope, key) DO UPDATE SET created_at = excluded.created_at, expires_at = excluded.expires_at, result = NULL
  WHERE idempotency_keys.expires_at <= excluded.created_at`;
const SET_RESULT = 'UPDATE idempotency_keys SET result = $1 WHERE scope = $2 AND key = $3';
const GET_RESULT = 'SELECT result FROM idempotency_keys WHERE scope = $1 AND key = $2';
const PURGE = 'DELETE FROM idempotency_keys WHERE expires_at <= $1';

/** Key methods backed by `db`. */
export function postgresKeys(db: PgDb): KeyMethods {
  return {
    async claimKey(scope, key, ttlMs, now = Date.now()) {
      return (await db.changes(CLAIM, [scope, key, now, now + ttlMs])) > 0;
    },
    async setKeyResult(scope, key, result) {
      await db.query(SET_RESULT, [result, scope, key]);
    },
    async getKeyResult(scope, key) {
      const [row] = await db.rows(GET_RESULT, [scope, key]);
      return row && row.result !== null ? String(row.result) : null;
    },
    purgeExpiredKeys(now) {
      return db.changes(PURGE, [now]);
    },
  };
}
