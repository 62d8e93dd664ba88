// The SQLite driver: one better-sqlite3 connection (synchronous, in-process) behind the Sql
// interface, its group-commit flush and its migrations; the concerns are shared (compose.ts).

import { statSync } from 'node:fs';
import type { Logger } from '../../log.js';
import type { Row } from '../columns.js';
import { composeStore } from '../compose.js';
import { sqliteDialect } from '../dialect.js';
import { StoreUnavailableError } from '../errors.js';
import type { Sql } from '../sql.js';
import type { Store } from '../types.js';
import { Checkpointer, type CheckpointReport } from './checkpoints.js';
import { sqliteFlush } from './commit.js';
import { SqliteDb } from './db.js';
import { migrateSqlite } from './migrations.js';

/** How a file store's WAL is checkpointed (see checkpoints.ts); false: by SQLite in the commits. */
export type SqliteCheckpointOptions =
  | false
  | {
      /** The thread starts after this many group commits (default 64), so short-lived stores never start one. */
      afterCommits?: number;
      intervalMs?: number;
      onReport?: (r: CheckpointReport) => void;
    };

/** Opens a SQLite store on `path` (a file, created with its directory, or ':memory:'); not yet migrated. */
export function createSqliteStore(
  path: string,
  log: Logger,
  checkpoints: SqliteCheckpointOptions = {},
): Store {
  const db = new SqliteDb(path);
  const flushGroup = sqliteFlush(db);
  let commits = 0;
  let checkpointer: Checkpointer | null = null;
  const startCheckpoints = () => {
    if (!db.file || checkpoints === false || !db.open) return;
    try {
      checkpointer = new Checkpointer({
        path: db.file.path,
        log,
        setAutocheckpoint: (pages) => {
          if (db.open) db.raw.pragma(`wal_autocheckpoint = ${pages}`);
        },
        finish: () => db.checkpoint(),
        ...(checkpoints.intervalMs !== undefined ? { intervalMs: checkpoints.intervalMs } : {}),
        ...(checkpoints.onReport ? { onReport: checkpoints.onReport } : {}),
      });
    } catch (err) {
      // No thread (a resource limit): SQLite keeps checkpointing in the commits, as without one.
      log.warn('could not start the WAL checkpoint thread; the store checkpoints on its own', { err });
    }
  };
  const startAfter = checkpoints === false ? Infinity : (checkpoints.afterCommits ?? 64);
  const sql: Sql = {
    dialect: sqliteDialect,
    async all(text, params = []) {
      return db.all(text, params);
    },
    async one(text, params = []) {
      return db.one(text, params);
    },
    run: (text, params = [], deadlineMs) => db.write(() => db.q(text).run(...params).changes, deadlineMs),
    returning: (text, params = []) => db.write(() => db.q(text).all(...params) as Row[]),
  };
  return composeStore(
    {
      kind: 'sqlite',
      sql,
      async flush(units) {
        await flushGroup(units);
        if (++commits === startAfter) startCheckpoints();
      },
      // A SQLite group commits synchronously, so under load every turn of the loop was its own
      // commit; spacing groups apart when busy (at once when not) gathers several turns' units into
      // one commit, and a commit's cost is mostly its pages (WAL frames), many shared by the group.
      // 2 ms measured a median 1.44x the floor's CPU per command on Discord's mute mix against 1.52x
      // with none (stop 24); 4 ms, with the 8 MiB page cache, was lower than 2 ms in 5 of 5
      // alternating pairs (1.53x against 1.59x on a slow host), Slack's mute mix and callbacks
      // unchanged (docs/bench/discord.md, stop 27).
      groupSpacingMs: 4,
      async migrate() {
        migrateSqlite(db, log);
      },
      async check() {
        // Writes to a deleted file still succeed (into an unlinked inode) and vanish at restart.
        if (!db.file) return;
        let ino: number;
        try {
          ino = statSync(db.file.path).ino;
        } catch (err) {
          throw new StoreUnavailableError(
            `The database file ${db.file.path} is gone; what is written now would be lost: restore it or restart.`,
            err,
          );
        }
        if (ino !== db.file.ino)
          throw new StoreUnavailableError(
            `The database file ${db.file.path} was replaced by another file; restart to use it.`,
          );
      },
      async close() {
        await checkpointer?.stop();
        db.close();
      },
    },
    log,
  );
}
