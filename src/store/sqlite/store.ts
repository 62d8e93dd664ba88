// The SQLite store: one connection (better-sqlite3 is synchronous and in-process), its parts
// composed into the Store interface.

import type { Logger } from '../../log.js';
import type { Store } from '../types.js';
import { sqliteCards } from './cards.js';
import { SqliteDb } from './db.js';
import { sqliteKeys } from './keys.js';
import { sqliteLeases } from './leases.js';
import { sqliteLedger } from './ledger.js';
import { sqliteMedia } from './media.js';
import { sqliteMeetings } from './meetings.js';
import { sqlitePending } from './pending.js';
import { migrateSqlite } from './migrations.js';
import { sqliteParticipants } from './participants.js';

/** Opens a SQLite store on `path` (a file, created with its directory, or ':memory:'); not yet migrated. */
export function createSqliteStore(path: string, log: Logger): Store {
  const db = new SqliteDb(path);
  return {
    kind: 'sqlite',
    async migrate() {
      migrateSqlite(db, log);
    },
    async ping() {
      db.q('SELECT 1').get();
    },
    async close() {
      db.close();
    },
    ...sqliteMeetings(db),
    ...sqliteParticipants(db),
    ...sqliteMedia(db),
    ...sqliteCards(db),
    ...sqliteKeys(db),
    ...sqliteLeases(db),
    ...sqliteLedger(db),
    ...sqlitePending(db),
  };
}
