// Three replicas of the compiled bot on one fresh Postgres schema, one emulator, a fake Slack and
// the balancer in front: the whole deployment the replica test exercises, and its teardown.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startBalancer, type Balancer, type Target } from './balancer.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { freshSchema } from './pg-schema.js';
import { buildDist, ROOT, startReplica, stopReplica, type Replica } from './replica-process.js';
import { SIGNING_SECRET } from './slack-requests.js';
import { tokenMinter, type TokenMinter } from './tokens.js';

/**
 * Where the replicas' logs are written when the cluster closes: one directory per checkout, since
 * several checkouts of the project may run this test on one machine at once.
 */
export const LOG_DIR = join(tmpdir(), `video-chatops-replicas-${basename(ROOT)}`);
const CALLBACK_SECRET = 'replica-test-callback-secret-0123456789';

/** The running deployment. */
export interface Cluster {
  db: pg.Pool;
  dbUrl: string;
  store: Store;
  emulator: Emulator;
  mint: TokenMinter;
  slack: FakeSlack;
  lb: Balancer;
  replicas: Replica[];
  targets: Target[];
  close(): Promise<void>;
}

/** Builds dist/, makes a unique schema and starts `count` replicas at once (they migrate concurrently). */
export async function startCluster(count: number, baseUrl: string): Promise<Cluster> {
  buildDist();
  // Everything started so far, stopped in reverse order even when start-up fails half-way.
  const cleanups: Array<() => Promise<unknown>> = [];
  const replicas: Replica[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const schema = await freshSchema('replicas', baseUrl);
    cleanups.push(() => schema.drop());
    const db = new pg.Pool({ connectionString: schema.url, max: 4 });
    cleanups.push(() => db.end());
    const emulator = await startEmulator({
      signatureSecret: CALLBACK_SECRET,
      outOfOrder: true,
      timing: { archiveAvailableMs: 300, callbackMaxAttempts: 12, callbackRetryBaseMs: 100 },
    });
    cleanups.push(() => emulator.close());
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const targets: Target[] = [];
    const lb = await startBalancer(targets, { duplicateEvery: 5 });
    cleanups.push(() => lb.close());
    emulator.setCallbackUrl(`${lb.url}/vonage/events`);
    const env = {
      DATABASE_URL: schema.url,
      VONAGE_API_KEY: emulator.apiKey,
      VONAGE_API_SECRET: emulator.apiSecret,
      VONAGE_VIDEO_API_URL: emulator.url,
      VONAGE_SIGNATURE_SECRET: CALLBACK_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-replica-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PUBLIC_URL: lb.url,
      RECONCILE_INTERVAL_MS: '5000',
    };
    cleanups.push(async () => {
      await Promise.all(replicas.map((r) => stopReplica(r)));
      // Kept for diagnosis: each replica's JSON log lines.
      mkdirSync(LOG_DIR, { recursive: true });
      for (const r of replicas) writeFileSync(join(LOG_DIR, `${r.name}.log`), r.lines.join('\n'));
    });
    const started = await Promise.allSettled(
      Array.from({ length: count }, (_, i) => startReplica(`r${i + 1}`, env)),
    );
    for (const s of started) if (s.status === 'fulfilled') replicas.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    for (const r of replicas) targets.push({ name: r.name, url: r.url, alive: true });
    const store = await openStore(schema.url, { log: silentLogger, poolMax: 4 });
    cleanups.push(() => store.close());
    const mint = tokenMinter(emulator.apiKey, emulator.apiSecret, emulator.url);
    return { db, dbUrl: schema.url, store, emulator, mint, slack, lb, replicas, targets, close };
  } catch (err) {
    await close();
    throw err;
  }
}
