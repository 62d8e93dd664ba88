// One keep-alive undici Pool per origin, shared by every client that talks to it and closed when the
// last one lets go, so many clients do not multiply sockets.
import { Pool } from 'undici';

const pools = new Map<string, { pool: Pool; refs: number }>();

/** Returns the shared Pool for `origin`, creating it on first use. */
export function acquirePool(origin: string): Pool {
  let entry = pools.get(origin);
  if (!entry || entry.pool.closed || entry.pool.destroyed) {
    entry = {
      pool: new Pool(origin, { connections: 256, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000 }),
      refs: 0,
    };
    pools.set(origin, entry);
  }
  entry.refs += 1;
  return entry.pool;
}

/** Drops one reference to the Pool for `origin`, closing it when unused. */
export async function releasePool(origin: string, pool: Pool): Promise<void> {
  const entry = pools.get(origin);
  if (!entry || entry.pool !== pool) return;
  entry.refs -= 1;
  if (entry.refs > 0) return;
  pools.delete(origin);
  await pool.close();
}
