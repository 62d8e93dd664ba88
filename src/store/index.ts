// Opens the store named by DATABASE_URL: SQLite (the default, a file under ./data/) or Postgres
// (for several replicas). Opening also applies pending migrations unless told not to.

import { createLogger, type Logger } from '../log.js';
import { StoreError } from './errors.js';
import { createPostgresStore } from './postgres/store.js';
import { createSqliteStore, type SqliteCheckpointOptions } from './sqlite/store.js';
import type { Store } from './types.js';
import { parseStoreUrl } from './url.js';

/** The store contract: Store and its record types. */
export type * from './types.js';
/** Typed store errors (code: conflict | config | busy | unavailable). */
export {
  StoreBusyError,
  StoreConflictError,
  StoreConfigError,
  StoreError,
  StoreUnavailableError,
  isStoreError,
} from './errors.js';

/** Options for openStore. */
export interface OpenStoreOptions {
  log?: Logger;
  /** Apply pending migrations before returning (default true; idempotent and replica-safe). */
  migrate?: boolean;
  /** Postgres pool size per process (default 10). */
  poolMax?: number;
  /** How a SQLite file's WAL is checkpointed (default: from a worker thread; see sqlite/checkpoints.ts). */
  sqliteCheckpoints?: SqliteCheckpointOptions;
}

/** Opens and (by default) migrates the store at `url`; throws a StoreError saying what is wrong. */
export async function openStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const log = (opts.log ?? createLogger()).child({ component: 'store' });
  const loc = parseStoreUrl(url);
  let store: Store;
  let where: string;
  if (loc.kind === 'sqlite') {
    where = loc.path === ':memory:' ? 'memory' : loc.path;
    try {
      store = createSqliteStore(loc.path, log, opts.sqliteCheckpoints);
    } catch (err) {
      throw new StoreError('unavailable', `Cannot open the SQLite store at ${where}: ${reason(err)}.`, {
        cause: err,
      });
    }
  } else {
    where = loc.where;
    store = createPostgresStore(
      {
        connectionString: loc.connectionString,
        max: opts.poolMax ?? 10,
        // Fail start-up (and health checks) instead of hanging on an unreachable database.
        connectionTimeoutMillis: 10_000,
        application_name: 'video-chatops',
      },
      log,
    );
  }
  if (opts.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close().catch(() => undefined);
      const message = `Cannot prepare the ${loc.kind} store at ${where}: ${reason(err)}.`;
      throw new StoreError('unavailable', message, { cause: err });
    }
  }
  log.info('store open', { backend: loc.kind, where });
  return store;
}

/** The driver's message plus its code, for a one-sentence error. */
function reason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const msg = (typeof e?.message === 'string' && e.message !== '' ? e.message : String(err)).replace(
    /\.$/,
    '',
  );
  return typeof e?.code === 'string' && !msg.includes(e.code) ? `${msg} (${e.code})` : msg;
}
