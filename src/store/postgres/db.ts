// A pg Pool wrapper: parameterised queries, transactions on one pooled client, and the idle-client
// error handler without which a Postgres restart would crash the process.

import pg from 'pg';
import type { Logger } from '../../log.js';
import type { Row } from '../columns.js';
import { StoreUnavailableError, meetingConflict } from '../errors.js';

const RETRIES = 3;
// Server shutting down or restarting (class 57P), connection exceptions (class 08), dead sockets.
const CONNECTION_LOST = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  'ECONNRESET',
  'EPIPE',
]);

/** True when `err` says the connection was lost rather than that the statement was wrong. */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && CONNECTION_LOST.has(e.code)) return true;
  return typeof e?.message === 'string' && /Connection terminated/i.test(e.message);
}

/** A Postgres connection pool for the store. */
export class PgDb {
  readonly pool: pg.Pool;

  constructor(config: pg.PoolConfig, log: Logger) {
    this.pool = new pg.Pool(config);
    // An idle client losing its connection emits 'error' on the pool; the pool replaces it on
    // the next checkout, so logging is all there is to do.
    this.pool.on('error', (err) => log.warn('postgres idle client error', { error: err.message }));
  }

  /**
   * Runs one statement on any pooled connection. After a database restart the pool may still hold
   * connections the server has closed, and a statement sent on one never ran; so a statement that
   * failed for a lost connection is retried, after the pool has had a moment to drop dead ones.
   * Every store write is safe to repeat (seq guards, ON CONFLICT); in the rare case a lost reply
   * hid a committed claimKey, the retry answers false, as a platform's own retry would.
   */
  async query(sql: string, params: unknown[] = []): Promise<pg.QueryResult<Row>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.query<Row>(sql, params);
      } catch (err) {
        // A statement outside BEGIN is its own transaction: a deadlock victim rolled back whole.
        if (attempt >= RETRIES || !(isConnectionLoss(err) || isRetryable(err))) throw err;
        await backoff(attempt);
      }
    }
  }

  /** Rows of one statement. */
  async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.query(sql, params)).rows;
  }

  /** Rows changed by one statement (INSERT, UPDATE, DELETE, upserts that applied). */
  async changes(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  /** Runs `fn` inside BEGIN/COMMIT on one client, rolling back if it throws. */
  async tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      // A failed ROLLBACK means the connection is unusable: destroy it rather than pool it.
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /** Ends the pool; calling it again is harmless. */
  async close(): Promise<void> {
    if (!this.pool.ended && !this.pool.ending) await this.pool.end();
  }
}

/** Deadlock victim or serialization failure: the transaction rolled back and may simply run again. */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Waits before attempt `attempt + 1`: growing, with jitter, so two replicas whose transactions
 * deadlocked do not collide again in lockstep.
 */
export function backoff(attempt: number): Promise<void> {
  const ms = 20 * attempt + Math.random() * 30 * attempt;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when `err` is a Postgres unique violation, optionally of the named constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** A driver error as the store's typed error: meeting conflicts and lost or full databases; others as they are. */
export function storeErrorOf(err: unknown): Error {
  if (isUniqueViolation(err)) {
    return meetingConflict(isUniqueViolation(err, 'meetings_one_active_per_channel'), err);
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (code === '53100') {
    return new StoreUnavailableError(
      'The database disk is full; nothing can be saved until space is freed.',
      err,
    );
  }
  if (isConnectionLoss(err) || code === 'ECONNREFUSED') {
    return new StoreUnavailableError('The database cannot be reached right now; try again in a moment.', err);
  }
  return err instanceof Error ? err : new Error(String(err));
}
