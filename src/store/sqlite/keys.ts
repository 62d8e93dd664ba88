// Idempotency keys and processed-callback IDs on SQLite. A claim is one INSERT ... ON CONFLICT
// whose DO UPDATE only fires for an expired key, so exactly one caller wins each live key.

import type { KeyMethods } from '../parts.js';
import type { SqliteDb } from './db.js';

const GET_RESULT = 'SELECT result FROM idempotency_keys WHERE scope = ? AND key = ?';
const PURGE = 'DELETE FROM idempotency_keys WHERE expires_at <= ?';

/** Key methods backed by `db`. */
export function sqliteKeys(db: SqliteDb): KeyMethods {
  return {
    async getKeyResult(scope, key) {
      const row = db.q(GET_RESULT).get(scope, key) as { result: string | null } | undefined;
      return row?.result ?? null;
    },
    async purgeExpiredKeys(now) {
      return db.q(PURGE).run(now).changes;
    },
  };
}
