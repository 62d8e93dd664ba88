// What every store concern needs from a backend: statements written once with `?` placeholders,
// run by the backend's driver (better-sqlite3 or pg) in its dialect. A write that finds the
// database locked by another process is retried off the event loop until the caller's deadline.

import type { Row } from './columns.js';
import type { Dialect } from './dialect.js';

/**
 * `LIMIT` with a bound value. Given a plain `LIMIT ?` after an ORDER BY, SQLite reads the bound
 * value while planning and so marks the statement to be prepared again whenever its bindings are
 * set, that is at every run: the card refresher's dirty-card query took 23 us instead of 4.6 us
 * (a parse and a plan each time). An expression is not read, so the plan is made once.
 */
export const LIMIT = 'LIMIT CAST(? AS INTEGER)';
/** `OFFSET` with a bound value, for the same reason as {@link LIMIT}. */
export const OFFSET = 'OFFSET CAST(? AS INTEGER)';

/** One backend's way of running the store's statements. */
export interface Sql {
  readonly dialect: Dialect;
  /** The rows of a read. */
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** The first row of a read, or null. */
  one(sql: string, params?: readonly unknown[]): Promise<Row | null>;
  /**
   * Runs a write on its own (autocommit); resolves with the number of rows it changed. While
   * another process holds the write lock it is retried until `deadlineMs` (default 5 s), then
   * rejects with StoreBusyError.
   */
  run(sql: string, params?: readonly unknown[], deadlineMs?: number): Promise<number>;
  /** Runs a write with RETURNING on its own; resolves with the rows it returned. */
  returning(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}
