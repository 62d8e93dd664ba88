// A pg Pool wrapper: parameterised queries, transactions on one pooled client, and the idle-client
// error handler without which a Postgres restart would crash the process.

import pg from 'pg';
import type { Logger } from '../../log.js';
import type { Row } from '../columns.js';

/** A Postgres connection pool for the store. */
export class PgDb {
  readonly pool: pg.Pool;

  constructor(config: pg.PoolConfig, log: Logger) {
    this.pool = new pg.Pool(config);
    // An idle client losing its connection emits 'error' on the pool; the pool replaces it on
    // the next checkout, so logging is all there is to do.
    this.pool.on('error', (err) => log.warn('postgres idle client error', { error: err.message }));
  }

  /** Runs one statement on any pooled connection. */
  query(sql: string, params: unknown[] = []): Promise<pg.QueryResult<Row>> {
    return this.pool.query<Row>(sql, params);
  }

  /** Rows of one statement. */
  async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query<Row>(sql, params)).rows;
  }

  /** Rows changed by one statement (INSERT, UPDATE, DELETE, upserts that applied). */
  async changes(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.pool.query(sql, params)).rowCount ?? 0;
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

/** True when `err` is a Postgres unique violation, optionally of the named constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
