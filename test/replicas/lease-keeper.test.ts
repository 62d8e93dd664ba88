import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { registry } from '../../src/metrics.js';
import { LeaseKeeper } from '../../src/replica/lease-keeper.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { freshSchema, type FreshSchema } from './pg-schema.js';

// Singleton work (the Discord gateway) across replicas on Postgres: one holder at a time, takeover
// when the holder dies or cannot reach the database, a hand-over on stop, and no lease kept by a
// replica whose work failed to start.

let schema: FreshSchema;
const stores: Store[] = [];
beforeAll(async () => {
  schema = await freshSchema('lease');
});
afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
  await schema.drop();
});

async function replicaStore(): Promise<Store> {
  const s = await openStore(schema.url, { log: silentLogger, poolMax: 2 });
  stores.push(s);
  return s;
}

/** A keeper whose "work" is a flag, recording every start and stop. */
function keeper(store: Store, name: string, holder: string, opts: { failStart?: boolean } = {}) {
  const events: string[] = [];
  let running = false;
  const k = new LeaseKeeper({
    store,
    name,
    holder,
    log: silentLogger,
    ttlMs: 600,
    renewMs: 100,
    onAcquired: async () => {
      if (opts.failStart) throw new Error('cannot connect');
      running = true;
      events.push('start');
    },
    onLost: async () => {
      running = false;
      events.push('stop');
    },
  });
  return { k, events, running: () => running };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('LeaseKeeper on Postgres', () => {
  it('runs the work on one replica, and moves it when that replica loses its database', async () => {
    const a = keeper(await replicaStore(), 'gateway-1', 'a');
    const b = keeper(await replicaStore(), 'gateway-1', 'b');
    a.k.start();
    await until(() => a.running(), 'a to start');
    b.k.start();
    let overlaps = 0;
    const sampler = setInterval(() => (overlaps += a.running() && b.running() ? 1 : 0), 10);
    // a's connections go away (as if its host dropped off the network): it cannot renew.
    await stores[0]!.close();
    await until(() => !a.running(), 'a to stop its work once its lease ran out');
    await until(() => b.running(), 'b to take over');
    clearInterval(sampler);
    expect(overlaps).toBe(0);
    expect(a.events).toEqual(['start', 'stop']);
    expect(b.events).toEqual(['start']);
    expect(b.k.held).toBe(true);
    await a.k.stop();
    await b.k.stop();
    expect(b.events).toEqual(['start', 'stop']);
  });

  it('hands the lease over on stop, and reports who holds it at /metrics', async () => {
    const store = await replicaStore();
    const a = keeper(store, 'gateway-2', 'a');
    const b = keeper(store, 'gateway-2', 'b');
    a.k.start();
    await until(() => a.running(), 'a to start');
    b.k.start();
    expect(await registry.metrics()).toMatch(/chatops_lease_held\{lease="gateway-2"\} 1/);
    await a.k.stop();
    await until(() => b.running(), 'b to take over after a stopped');
    expect(a.events).toEqual(['start', 'stop']);
    await b.k.stop();
    expect(await registry.metrics()).toMatch(/chatops_lease_held\{lease="gateway-2"\} 0/);
  });

  it('releases the lease when the work fails to start, so another replica gets it', async () => {
    const store = await replicaStore();
    const broken = keeper(store, 'gateway-3', 'broken', { failStart: true });
    broken.k.start();
    await broken.k.attempt();
    expect(broken.k.held).toBe(false);
    // It sits out a while instead of grabbing the lease again at once.
    await broken.k.attempt();
    const healthy = keeper(store, 'gateway-3', 'healthy');
    healthy.k.start();
    await healthy.k.attempt();
    expect(healthy.running()).toBe(true);
    await broken.k.stop();
    await healthy.k.stop();
  });
});
