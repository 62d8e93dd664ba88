// One better-sqlite3 connection with the pragmas the store relies on and a cache of prepared
// statements keyed by SQL text, so every query is parsed once per process.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError, meetingConflict } from '../errors.js';

/**
 * How long one statement may wait, blocking the event loop, for another process's write lock.
 * Kept short: a commit that still finds the lock taken is retried later without blocking
 * (sqlite/commit.ts), so the bot keeps answering while another process writes.
 */
export const BUSY_TIMEOUT_MS = 20;
/** The wait allowed while opening and migrating, when nothing else is being served yet. */
const OPEN_BUSY_TIMEOUT_MS = 5_000;

/** A SQLite database handle for the store. */
export class SqliteDb {
  readonly raw: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** Opens (creating the file and its directory) `path`, or an in-memory database for ':memory:'. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.raw = new Database(path);
    // First, so that even switching to WAL waits for another process's lock instead of failing.
    this.raw.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    // WAL lets readers (another process, a backup) run beside the writer; NORMAL sync is durable
    // across process crashes in WAL mode, which is what "a restart loses nothing" needs.
    this.raw.pragma('journal_mode = WAL');
    this.raw.pragma('synchronous = NORMAL');
    this.raw.pragma('foreign_keys = ON');
    this.raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }

  /** Runs `fn` allowing the long busy wait of start-up (migrations, before serving). */
  patiently<T>(fn: () => T): T {
    this.raw.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    try {
      return fn();
    } finally {
      this.raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
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

/** True when `err` says another connection holds the lock (SQLITE_BUSY or SQLITE_LOCKED, any variant). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

// Codes that mean the database cannot be written at all, whatever the statement.
const CANNOT_WRITE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|PERM)/;

/** A driver error as the store's typed error: meeting conflicts and unwritable databases; others as they are. */
export function storeErrorOf(err: unknown): Error {
  if (isUniqueViolation(err)) {
    return meetingConflict(String((err as Error).message).includes('meetings.channel_id'), err);
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CANNOT_WRITE.test(code)) {
    const full = code.startsWith('SQLITE_FULL');
    return new StoreUnavailableError(
      full
        ? 'The database disk is full; nothing can be saved until space is freed.'
        : 'The database cannot be written right now; check its file and disk.',
      err,
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}
