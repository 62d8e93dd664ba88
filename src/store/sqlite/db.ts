// One better-sqlite3 connection with the pragmas the store relies on and a cache of prepared
// statements keyed by SQL text, so every query is parsed once per process.

import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreBusyError, StoreUnavailableError, meetingConflict } from '../errors.js';
import type { Row } from '../columns.js';
import { DEFAULT_DEADLINE_MS } from '../group-commit.js';
import { rowMaker, type RowMaker } from '../row-maker.js';

/**
 * How long one statement may wait, blocking the event loop, for another process's write lock.
 * Kept short: a commit that still finds the lock taken is retried later without blocking
 * (sqlite/commit.ts), so the bot keeps answering while another process writes.
 */
export const BUSY_TIMEOUT_MS = 20;
/** The wait allowed while opening and migrating, when nothing else is being served yet. */
const OPEN_BUSY_TIMEOUT_MS = 5_000;

const SCHEMA_VERSION = 'PRAGMA schema_version';
const CHECKPOINT = 'PRAGMA wal_checkpoint(PASSIVE)';

/** A read statement in raw mode and what makes its arrays row objects. */
interface Reader {
  stmt: Database.Statement;
  /** Made after the statement's first run (see rowMakerOf). */
  row: RowMaker | null;
}

/**
 * The row maker of a reader that has run. Not before: a statement prepared while the connection's
 * copy of the schema was stale is prepared again by SQLite on its first step, and only then do its
 * columns say what its arrays hold.
 */
function rowMakerOf(r: Reader): RowMaker {
  return (r.row ??= rowMaker(r.stmt.columns().map((c) => c.name)));
}

/** A SQLite database handle for the store. */
export class SqliteDb {
  readonly raw: Database.Database;
  /** The file opened and its inode, to notice it being deleted or replaced under us (null in memory). */
  readonly file: { path: string; ino: number } | null;
  private readonly statements = new Map<string, Database.Statement>();
  /** Reads in raw mode (see row-maker.ts), by SQL text; null for a statement that writes. */
  private readonly readers = new Map<string, Reader | null>();
  /** The schema_version the readers' column names were taken under. */
  private schemaVersion = -1;
  /** A read transaction of ours is open (see read()). */
  private reading = false;
  private readonly endReadSoon = () => this.endRead();

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
    // 8 MiB of page cache (the default is 2 MiB), not more: a commit after a B-tree balance that
    // renumbered pages walks the WHOLE cache (SQLite's pcache1TruncateUnsafe; most of a busy bot's
    // commits), so its cost grows with the cache. 32 MiB cost Discord's mute mix 3 % more CPU per
    // command (5 of 6 alternating pairs) and bench/store-mix.mjs 10 us per command; callbacks over
    // meetings with 3,000 past participants each were no cheaper with it (docs/bench/discord.md).
    this.raw.pragma('cache_size = -8192');
    this.raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.file = path === ':memory:' ? null : { path, ino: statSync(path).ino };
  }

  /**
   * Runs a write now or, while another process holds the write lock, again after a pause (the
   * event loop is free meanwhile) until `deadlineMs` has passed; then rejects with StoreBusyError.
   */
  async write<T>(fn: () => T, deadlineMs = DEFAULT_DEADLINE_MS): Promise<T> {
    this.endRead();
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return fn();
      } catch (err) {
        if (!isBusy(err)) throw storeErrorOf(err);
        const now = Date.now();
        if (now >= deadline) throw new StoreBusyError(err);
        await pause(backoffMs(attempt, deadline - now));
      }
    }
  }

  /** Runs `fn` allowing the long busy wait of start-up (migrations, before serving). */
  patiently<T>(fn: () => T): T {
    this.endRead();
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
    this.endRead();
    return this.raw.transaction(fn).immediate();
  }

  /** The rows of `sql`, a read run in the turn's read transaction (see read()). */
  all(sql: string, params: readonly unknown[]): Row[] {
    const r = this.read(sql);
    if (!r) return this.q(sql).all(...params) as Row[];
    const values = r.stmt.all(...params) as unknown[][];
    return values.length === 0 ? [] : values.map(rowMakerOf(r));
  }

  /** The first row of `sql`, or null (see all()). */
  one(sql: string, params: readonly unknown[]): Row | null {
    const r = this.read(sql);
    if (!r) return (this.q(sql).get(...params) as Row | undefined) ?? null;
    const values = r.stmt.get(...params) as unknown[] | undefined;
    return values ? rowMakerOf(r)(values) : null;
  }

  /**
   * Prepares a read of `sql` inside the turn's read transaction: the first read of an event-loop
   * turn opens it and the turn's end (or the next write) closes it. Each statement run on its own
   * would take and drop WAL read locks (system calls) every time; the reads of a turn of many
   * requests share one snapshot, at most one turn old. Null for a statement that writes (a
   * RETURNING), which runs on its own, outside any read transaction.
   */
  private read(sql: string): Reader | null {
    const r = this.reader(sql);
    if (!r) {
      this.endRead();
      return null;
    }
    if (this.reading) return r;
    if (!this.raw.inTransaction) {
      this.q('BEGIN').run();
      this.reading = true;
      setImmediate(this.endReadSoon);
    }
    // The column names a reader was made with hold for the schema they were read under; another
    // process's migration (a rolling upgrade) may rebuild a table under a prepared `SELECT *`.
    const version = this.q(SCHEMA_VERSION).pluck().get() as number;
    if (version === this.schemaVersion) return r;
    this.schemaVersion = version;
    this.readers.clear();
    return this.reader(sql);
  }

  /** The raw-mode statement of the read `sql` and its row maker, prepared on first use (null: a write). */
  private reader(sql: string): Reader | null {
    let r = this.readers.get(sql);
    if (r === undefined) {
      const stmt = this.raw.prepare(sql);
      r = stmt.readonly && stmt.reader ? { stmt: stmt.raw(true), row: null } : null;
      this.readers.set(sql, r);
    }
    return r;
  }

  /** Ends the read transaction read() opened, if it is still open (before any write). */
  endRead(): void {
    if (!this.reading) return;
    this.reading = false;
    if (this.raw.open && this.raw.inTransaction) this.q('COMMIT').run();
  }

  /**
   * A PASSIVE checkpoint on this connection, outside any transaction of ours (skipped inside one:
   * the next call will do). Never waits for, or fails on, another connection's lock.
   */
  checkpoint(): void {
    this.endRead();
    if (!this.raw.open || this.raw.inTransaction) return;
    try {
      this.q(CHECKPOINT).run();
    } catch (err) {
      if (!isBusy(err)) throw storeErrorOf(err);
    }
  }

  get open(): boolean {
    return this.raw.open;
  }

  close(): void {
    this.endRead();
    this.statements.clear();
    this.readers.clear();
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

/** The pause before retry `attempt` of a busy write: 5, 10, 20 ... ms, at most 100 ms and what is left. */
export function backoffMs(attempt: number, leftMs: number): number {
  return Math.max(1, Math.min(5 * 2 ** attempt, 100, leftMs));
}

/** Resolves after `ms`. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
