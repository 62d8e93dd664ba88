// The Postgres driver: a connection pool behind the Sql interface (`?` numbered by the dialect),
// its group-commit flush and its migrations; the concerns are shared (compose.ts). Several
// replicas can share one database: every write is one statement or one transaction.

import type pg from 'pg';
import type { Logger } from '../../log.js';
import { composeStore } from '../compose.js';
import { postgresDialect } from '../dialect.js';
import type { Sql } from '../sql.js';
import type { Store } from '../types.js';
import { postgresFlush } from './commit.js';
import { PgDb, storeErrorOf } from './db.js';
import { migratePostgres } from './migrations.js';
import { ReadBatcher } from './read-batch.js';

/** Creates a Postgres store over a pool for `config`; it connects lazily and is not yet migrated. */
export function createPostgresStore(config: pg.PoolConfig, log: Logger): Store {
  const db = new PgDb(config, log);
  const text = (sql: string) => postgresDialect.text(sql);
  const mapped = <T>(p: Promise<T>) =>
    p.catch((err: unknown) => {
      throw storeErrorOf(err);
    });
  const reads = new ReadBatcher(db);
  const sql: Sql = {
    dialect: postgresDialect,
    all: (s, params = []) => mapped(reads.rows(text(s), [...params])),
    one: async (s, params = []) => (await mapped(reads.rows(text(s), [...params])))[0] ?? null,
    run: (s, params = []) => mapped(db.changes(text(s), [...params])),
    returning: (s, params = []) => mapped(db.rows(text(s), [...params])),
  };
  return composeStore(
    {
      kind: 'postgres',
      sql,
      flush: postgresFlush(db),
      // A group is in flight for a round trip, and units arriving meanwhile form the next: no spacing.
      groupSpacingMs: 0,
      async migrate() {
        await migratePostgres(db, log);
      },
      async check() {},
      close: () => db.close(),
    },
    log,
  );
}
