// Idempotency keys and processed-callback IDs on Postgres, unique across replicas. The DO UPDATE
// (re-claiming an expired key) re-checks expiry on the locked latest row, so of two replicas
// re-claiming the same expired key only one succeeds.

import type { KeyMethods } from '../parts.js';
import type { PgDb } from './db.js';

const GET_RESULT = 'SELECT result FROM idempotency_keys WHERE scope = $1 AND key = $2';
const PURGE = 'DELETE FROM idempotency_keys WHERE expires_at <= $1';

/** Key methods backed by `db`. */
export function postgresKeys(db: PgDb): KeyMethods {
  return {
    async getKeyResult(scope, key) {
      const [row] = await db.rows(GET_RESULT, [scope, key]);
      return row && row.result !== null ? String(row.result) : null;
    },
    purgeExpiredKeys(now) {
      return db.changes(PURGE, [now]);
    },
  };
}
