// The Slack adapter alone on a loopback HTTP server, with an in-memory store and no Video API: for
// tests of what the adapter does before or around the core (failures, overload, OAuth installs).
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterDeps,
} from '../../../adapters/slack/index.js';
import { silentLogger } from '../../../src/log.js';
import { registry } from '../../../src/metrics.js';
import { createHttpServer, type HttpServer } from '../../../src/server.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import type { FrontDoorOptions } from '../../../commands/front-door.js';
import { testContext, testDoor } from '../../support/context.js';

/** Options of {@link startStandaloneSlack}. */
export interface StandaloneOptions {
  config: SlackAdapterDeps['config'];
  workQueue?: FrontDoorOptions['work'];
  /** Public URL in the command context (the OAuth redirect URI is built from it). */
  publicUrl?: string;
  /** Wraps the store the core sees (e.g. to make one method fail); the real one is still closed. */
  coreStore?: (store: Store) => Store;
  /** The store (default: SQLite in memory). */
  databaseUrl?: string;
  /** The front door's store and ack budgets. */
  budgets?: FrontDoorOptions['budgets'];
}

/** A started Slack adapter and what it runs on. */
export interface StandaloneSlack {
  store: Store;
  server: HttpServer;
  slack: SlackAdapter;
  url: string;
  /** Stops the adapter, then closes the server and the store. */
  close(): Promise<void>;
}

/** Opens the store, mounts the adapter (Slack Calls off) and listens on an ephemeral port. */
export async function startStandaloneSlack(opts: StandaloneOptions): Promise<StandaloneSlack> {
  const store = await openStore(opts.databaseUrl ?? 'sqlite::memory:', { log: silentLogger });
  const server = createHttpServer({ log: silentLogger, metrics: registry });
  const ctx = testContext({
    store: opts.coreStore ? opts.coreStore(store) : store,
    publicUrl: opts.publicUrl,
  });
  const slack = createSlackAdapter({
    config: opts.config,
    door: testDoor(ctx, {}, opts.workQueue, opts.budgets),
    store,
    publicUrl: ctx.publicUrl,
    server,
    log: silentLogger,
    calls: false,
  });
  let url: string;
  try {
    await slack.start();
    ({ url } = await server.listen(0, '127.0.0.1'));
  } catch (err) {
    // Leave nothing open when the setup itself fails, and report that failure, not a later one.
    await slack.stop().catch(() => undefined);
    await server.close();
    await store.close();
    throw err;
  }
  return {
    store,
    server,
    slack,
    url,
    async close() {
      await slack.stop();
      await server.close();
      await store.close();
    },
  };
}
