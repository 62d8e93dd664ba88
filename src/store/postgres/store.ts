// The Postgres store: a connection pool shared by every part, every write group-committed. Every
// write is one transaction, so several replicas can share one database.

import type pg from 'pg';
import type { Logger } from '../../log.js';
import { GroupCommit } from '../group-commit.js';
import type { Store } from '../types.js';
import { writeMethods } from '../write-methods.js';
import { postgresCards } from './cards.js';
import { postgresFlush } from './commit.js';
import { PgDb } from './db.js';
import { postgresKeys } from './keys.js';
import { postgresLeases } from './leases.js';
import { postgresLedger } from './ledger.js';
import { postgresMedia } from './media.js';
import { postgresMeetings } from './meetings.js';
import { postgresPending } from './pending.js';
import { migratePostgres } from './migrations.js';
import { postgresParticipants } from './participants.js';

/** Creates a Postgres store over a pool for `config`; it connects lazily and is not yet migrated. */
export function createPostgresStore(config: pg.PoolConfig, log: Logger): Store {
  const db = new PgDb(config, log);
  const commits = new GroupCommit(postgresFlush(db));
  const base = {
    kind: 'postgres' as const,
    commit: commits.commit.bind(commits),
    async migrate() {
      await migratePostgres(db, log);
    },
    async ping() {
      await db.query('SELECT 1');
    },
    async close() {
      await commits.close();
      await db.close();
    },
    ...postgresMeetings(db),
    ...postgresParticipants(db),
    ...postgresMedia(db),
    ...postgresCards(db),
    ...postgresKeys(db),
    ...postgresLeases(db),
    ...postgresLedger(db),
    ...postgresPending(db),
  };
  return { ...base, ...writeMethods(base) };
}
