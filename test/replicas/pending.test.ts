import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { PendingCommands } from '../../src/replica/pending.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { settle } from '../support/eventually.js';

// The durable record of acked requests against a real SQLite store: a request acked by a replica
// that then died is re-run once by whichever live replica holds the recovery lease. The clock is
// injected, so "the owner went quiet" is a matter of arithmetic, not of waiting.

const T0 = 1_700_000_000_000;

let store: Store;
let clock = T0;
const reruns: Array<{ holder: string; kind: string; payload: unknown }> = [];

function replica(holder: string): PendingCommands {
  return new PendingCommands({
    store,
    log: silentLogger,
    now: () => clock,
    holder,
    platform: 'slack',
    staleMs: 10_000,
    minAgeMs: 0,
    rerun: async (taken) => {
      reruns.push({ holder, kind: taken.kind, payload: JSON.parse(taken.payload!) });
    },
  });
}

beforeEach(async () => {
  store = await openStore('sqlite::memory:', { log: silentLogger });
  clock = T0;
  reruns.length = 0;
});
afterEach(async () => {
  await store.close();
});

/** Records request `id` as replica `p` does before its ack; true unless another delivery recorded it. */
async function record(p: PendingCommands, id: string, payload: unknown): Promise<boolean> {
  const [applied] = await store.commit([p.recordWrite(id, payload, clock)]);
  return applied!;
}

describe('PendingCommands', () => {
  it('tells a first delivery from a repeat', async () => {
    expect(await record(replica('a'), 'slack:T1:trig1', { text: 'record start' })).toBe(true);
    expect(await record(replica('b'), 'slack:T1:trig1', { text: 'record start' })).toBe(false);
  });

  it('re-runs a request whose replica died, once, with its payload, across two recovering replicas', async () => {
    await record(replica('dead'), 'slack:T1:trig1', {
      text: 'record start',
      response_url: 'http://x/respond/1',
    });
    await record(replica('alive'), 'slack:T1:trig2', { text: 'mute all' });
    clock = T0 + 5_000;
    await store.heartbeatPendingCommands('alive', clock, 10_000);
    clock = T0 + 12_000;
    const [b, c] = [replica('b'), replica('c')];
    await Promise.all([b.recover(), c.recover(), b.recover()]);
    expect(reruns).toEqual([
      {
        holder: reruns[0]!.holder,
        kind: 'request',
        payload: { text: 'record start', response_url: 'http://x/respond/1' },
      },
    ]);
    clock = T0 + 100_000;
    await Promise.all([b.recover(), c.recover()]);
    // The re-run one is done; the live replica's request was only taken once its heartbeat stopped.
    expect(reruns.map((r) => (r.payload as { text: string }).text)).toEqual(['record start', 'mute all']);
    expect(await store.claimStalePendingCommands('probe', Number.MAX_SAFE_INTEGER, clock, 100)).toEqual([]);
  });

  it('takes over nothing from a replica that heartbeats, however long its request runs', async () => {
    const a = replica('busy');
    await record(a, 'slack:T1:long', { text: 'dial +15550100' });
    clock = T0 + 4_000;
    await a.heartbeat(); // alive until T0 + 14 s; the row keeps its T0 heartbeat (younger than 5 s)
    clock = T0 + 13_000;
    await replica('b').recover();
    expect(reruns).toEqual([]);
    clock = T0 + 14_001; // no heartbeat since: the replica is gone
    await replica('b').recover();
    expect(reruns.map((r) => (r.payload as { text: string }).text)).toEqual(['dial +15550100']);
  });

  it('marks a request done once its work delivered a reply, so nobody re-runs it', async () => {
    const a = replica('a');
    await record(a, 'slack:T1:trig1', { actions: [] });
    await a.run('slack:T1:trig1', async () => 'delivered');
    await a.stop(); // writes the done mark it was batching
    clock = T0 + 60_000;
    await replica('b').recover();
    expect(reruns).toEqual([]);
  });

  it('writes the done marks of many requests together, in one unit', async () => {
    const a = replica('a');
    const ids = Array.from({ length: 20 }, (_, i) => `slack:T1:batch${i}`);
    for (const id of ids) await record(a, id, {});
    const units: number[] = [];
    const commit = store.commit.bind(store);
    store.commit = async (writes, opts) => {
      const applied = await commit(writes, opts);
      units.push(writes.length);
      return applied;
    };
    await Promise.all(ids.map((id) => a.run(id, async () => undefined)));
    await settle(() => units.length > 0);
    expect(units).toEqual([20]);
    clock = T0 + 60_000;
    await replica('b').recover();
    expect(reruns).toEqual([]);
  });
});
