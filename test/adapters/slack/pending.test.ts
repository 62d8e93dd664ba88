import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PendingCommands, type PendingKind } from '../../../adapters/slack/pending.js';
import { once } from '../../../commands/idempotency.js';
import type { CommandContext } from '../../../commands/types.js';
import type { View } from '../../../src/chat.js';
import { silentLogger } from '../../../src/log.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';

// The durable record of acked requests against a real SQLite store: a request acked by a replica
// that then died is re-run once by whichever live replica holds the recovery lease. The clock is
// injected, so "the owner went quiet" is a matter of arithmetic, not of waiting.

const T0 = 1_700_000_000_000;
const reply: View = { visibility: 'ephemeral', blocks: [{ type: 'notice', level: 'info', text: 'done' }] };

let store: Store;
let clock = T0;
const reruns: Array<{ holder: string; kind: PendingKind; payload: unknown }> = [];

function replica(holder: string): PendingCommands {
  return new PendingCommands({
    store,
    log: silentLogger,
    now: () => clock,
    holder,
    staleMs: 10_000,
    minAgeMs: 0,
    rerun: async (kind, payload) => {
      reruns.push({ holder, kind, payload });
      return reply;
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

describe('PendingCommands', () => {
  it('tells a first delivery from a repeat', async () => {
    const a = replica('a');
    expect(await a.record('slack:T1:trig1', 'slash', { text: 'record start' })).toBe('new');
    expect(await replica('b').record('slack:T1:trig1', 'slash', { text: 'record start' })).toBe('repeat');
  });

  it('re-runs a request whose replica died, once, with its payload, across two recovering replicas', async () => {
    await replica('dead').record('slack:T1:trig1', 'slash', {
      text: 'record start',
      response_url: 'http://x/respond/1',
    });
    await replica('alive').record('slack:T1:trig2', 'slash', { text: 'mute all' });
    clock = T0 + 5_000;
    await store.heartbeatPendingCommands('alive', clock);
    clock = T0 + 12_000;
    const [b, c] = [replica('b'), replica('c')];
    await Promise.all([b.recover(), c.recover(), b.recover()]);
    expect(reruns).toEqual([
      {
        holder: reruns[0]!.holder,
        kind: 'slash',
        payload: { text: 'record start', response_url: 'http://x/respond/1' },
      },
    ]);
    clock = T0 + 100_000;
    await Promise.all([b.recover(), c.recover()]);
    // The re-run one is done; the live replica's request was only taken once its heartbeat stopped.
    expect(reruns.map((r) => (r.payload as { text: string }).text)).toEqual(['record start', 'mute all']);
    expect(await store.claimStalePendingCommands('probe', Number.MAX_SAFE_INTEGER, clock, 100)).toEqual([]);
  });

  it("turns the dead owner's unfinished idempotency claim into a re-run, but returns a reply it stored", async () => {
    await replica('dead').record('slack:T1:unfinished', 'slash', { key: 'slack:T1:unfinished' });
    await replica('dead').record('slack:T1:finished', 'slash', { key: 'slack:T1:finished' });
    await store.claimKey('command', 'slack:T1:unfinished', 60_000, T0);
    await store.claimKey('command', 'slack:T1:finished', 60_000, T0);
    await store.setKeyResult('command', 'slack:T1:finished', JSON.stringify(reply));
    clock = T0 + 20_000;
    const ctx = { store, now: () => clock, log: silentLogger } as unknown as CommandContext;
    const ran: Array<{ key: string; rerun: boolean }> = [];
    const replies: View[] = [];
    const r = new PendingCommands({
      store,
      log: silentLogger,
      now: () => clock,
      holder: 'r',
      minAgeMs: 0,
      rerun: async (_kind, payload) => {
        const { key } = payload as { key: string };
        const view = await once(ctx, key, async (rerun) => {
          ran.push({ key, rerun });
          return { view: { visibility: 'ephemeral', blocks: [{ type: 'text', text: 're-ran' }] } };
        });
        replies.push(view);
        return view;
      },
    });
    await r.recover();
    expect(ran).toEqual([{ key: 'slack:T1:unfinished', rerun: true }]);
    expect(replies).toContainEqual(reply);
    expect(await store.getKeyResult('command', 'slack:T1:unfinished')).toContain('re-ran');
  });

  it('marks a request done once its work delivered a reply, so nobody re-runs it', async () => {
    const a = replica('a');
    await a.record('slack:T1:trig1', 'click', { actions: [] });
    await a.run('slack:T1:trig1', async () => reply);
    clock = T0 + 60_000;
    await replica('b').recover();
    expect(reruns).toEqual([]);
  });
});
