// The SQLite store: one connection (better-sqlite3 is synchronous and in-process), its parts
// composed into the Store interface, every write group-committed.

import type { Logger } from '../../log.js';
import { GroupCommit } from '../group-commit.js';
import type { Store } from '../types.js';
import { writeMethods } from '../write-methods.js';
import { sqliteCards } from './cards.js';
import { sqliteFlush } from './commit.js';
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
  const commits = new GroupCommit(sqliteFlush(db));
  const base = {
    kind: 'sqlite' as const,
    commit: commits.commit.bind(commits),
    async migrate() {
      migrateSqlite(db, log);
    },
    async ping() {
      db.q('SELECT 1').get();
    },
    async close() {
      await commits.close();
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
  return { ...base, ...writeMethods(base) };
}
