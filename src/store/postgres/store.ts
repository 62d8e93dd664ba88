// The Postgres store: a connection pool shared by every part. Every write is one atomic
// statement (or a transaction), so several replicas can share one database.

import type pg from 'pg';
import type { Logger } from '../../log.js';
import type { Store } from '../types.js';
import { postgresCards } from './cards.js';
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
  return {
    kind: 'postgres',
    async migrate() {
      await migratePostgres(db, log);
    },
    async ping() {
      await db.query('SELECT 1');
    },
    close: () => db.close(),
    ...postgresMeetings(db),
    ...postgresParticipants(db),
    ...postgresMedia(db),
    ...postgresCards(db),
    ...postgresKeys(db),
    ...postgresLeases(db),
    ...postgresLedger(db),
    ...postgresPending(db),
  };
}
