// One better-sqlite3 connection with the pragmas the store relies on and a cache of prepared
// statements keyed by SQL text, so every query is parsed once per process.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** A SQLite database handle for the store. */
export class SqliteDb {
  readonly raw: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** Opens (creating the file and its directory) `path`, or an in-memory database for ':memory:'. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.raw = new Database(path);
    // First, so that even switching to WAL waits for another process's lock instead of failing.
    this.raw.pragma('busy_timeout = 5000');
    // WAL lets readers (another process, a backup) run beside the writer; NORMAL sync is durable
    // across process crashes in WAL mode, which is what "a restart loses nothing" needs.
    this.raw.pragma('journal_mode = WAL');
    this.raw.pragma('synchronous = NORMAL');
    this.raw.pragma('foreign_keys = ON');
  }

  /** The prepared statement for `sql`, prepared on first use. */
  q(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.raw.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE, so concurrent writers queue up front). */
  tx<T>(fn: () => T): T {
    return this.raw.transaction(fn).immediate();
  }

  get open(): boolean {
    return this.raw.open;
  }

  close(): void {
    this.statements.clear();
    if (this.raw.open) this.raw.close();
  }
}

/** True when `err` is a SQLite UNIQUE or PRIMARY KEY violation. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
