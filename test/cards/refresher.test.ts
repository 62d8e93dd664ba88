import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CardRefresher } from '../../src/cards/refresher.js';
import { LiveCards } from '../../src/cards/service.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import type { MessageRef, View } from '../../src/chat.js';
import { RecordingPublisher, textOf } from './recording-publisher.js';

// The refresher against a real SQLite store: latest state wins, one edit per interval per card,
// one replica at a time, and a missing publisher never breaks the loop.

let store: Store;
const stops: Array<() => Promise<void>> = [];

beforeEach(async () => {
  store = await openStore('sqlite::memory:', { log: silentLogger });
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await store.close();
});

async function meeting(id: string, platform: 'shell' | 'slack' = 'shell', channelId = 'C') {
  return store.createMeeting({
    id,
    sessionId: `2_${id}`,
    platform,
    teamId: 'T',
    channelId,
    title: `Meeting ${id}`,
    hostId: 'U0',
    hostName: 'Ada',
    status: 'active',
    options: { relayed: false, autoRecord: false, e2ee: false },
    muteAll: false,
    layout: null,
    createdAt: Date.now(),
    endedAt: null,
  });
}

function replica(name: string, publisher: RecordingPublisher, minIntervalMs = 300) {
  const cards = new LiveCards({ store, log: silentLogger, minIntervalMs });
  cards.registerPublisher(publisher);
  const refresher = new CardRefresher({ cards, log: silentLogger, pollMs: 20, holder: name });
  stops.push(() => refresher.stop());
  return { cards, refresher };
}

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const clean = async () => (await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 10)).length === 0;

describe('CardRefresher', () => {
  it('edits a card with the latest state, spacing edits by the interval', async () => {
    const pub = new RecordingPublisher();
    const { cards, refresher } = replica('a', pub);
    await meeting('m1');
    await cards.post('m1');
    refresher.start();
    for (let i = 0; i < 30; i++) {
      await store.updateMeeting('m1', { title: `Title ${i}` });
      await cards.changed('m1');
    }
    await until(clean);
    expect(pub.updates.length).toBeLessThan(30);
    expect(pub.updates.at(-1)!.view.title).toBe('Title 29');
    for (let i = 1; i < pub.updates.length; i++)
      expect(pub.updates[i]!.at - pub.updates[i - 1]!.at).toBeGreaterThanOrEqual(300);
  });

  it('starts a few edits per event-loop turn, so a pass over many cards never holds the loop for long', async () => {
    // A ticker counts the loop's turns; the publisher notes the turn each edit reached it in.
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const turns: number[] = [];
    const pub = new RecordingPublisher();
    const update = pub.update.bind(pub);
    pub.update = async (ref, view) => {
      turns.push(turn);
      await update(ref, view);
    };
    const { cards, refresher } = replica('turns', pub, 0);
    const ids = Array.from({ length: 30 }, (_, i) => `t${i}`);
    for (const id of ids) {
      await meeting(id, 'shell', `C-${id}`);
      await cards.post(id);
      await store.touchMeeting(id);
    }
    expect(await refresher.runOnce()).toBe(30);
    ticking = false;
    const perTurn = new Map<number, number>();
    for (const t of turns) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(8);
    expect(perTurn.size).toBeGreaterThanOrEqual(4);
  });

  it('lets only the lease holder edit when two replicas share a store', async () => {
    const pubA = new RecordingPublisher();
    const pubB = new RecordingPublisher();
    const a = replica('replica-a', pubA);
    const b = replica('replica-b', pubB);
    await meeting('m2');
    await a.cards.post('m2');
    a.refresher.start();
    await until(async () => (await store.acquireLease('cards', 'probe', 1, Date.now())) === false);
    b.refresher.start();
    await store.updateMeeting('m2', { title: 'Changed once' });
    await b.cards.changed('m2');
    await until(clean);
    expect(pubA.updates.map((u) => u.view.title)).toEqual(['Changed once']);
    expect(pubB.updates).toEqual([]);
  });

  it('defers cards of a platform without a publisher and keeps editing the others', async () => {
    const pub = new RecordingPublisher();
    const { cards, refresher } = replica('c', pub);
    await meeting('m3');
    await meeting('m4', 'slack');
    await cards.post('m3');
    await store.addCard({
      meetingId: 'm4',
      platform: 'slack',
      teamId: 'T',
      channelId: 'C',
      messageId: 'x',
      renderedVersion: 0,
      renderedAt: 0,
      notBefore: 0,
    });
    refresher.start();
    await cards.changed('m3');
    await until(() => pub.updates.length > 0);
    expect(textOf(pub.updates.at(-1)!.view)).toContain('Meeting m3');
    const slackCard = (await store.listCards('m4'))[0]!;
    expect(slackCard.notBefore).toBeGreaterThan(Date.now());
  });

  it('starts at most one pass per 20 ms however often it is woken, and renews its lease only past half its term', async () => {
    const calls = { passes: 0, leases: 0 };
    let clock = Date.now();
    // The store as the refresher sees it, counting passes (each lists dirty cards) and lease writes.
    const counted = new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key === 'listDirtyCards') calls.passes++;
        if (key === 'acquireLease') calls.leases++;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const pub = new RecordingPublisher();
    const cards = new LiveCards({ store: counted, log: silentLogger, minIntervalMs: 0, now: () => clock });
    cards.registerPublisher(pub);
    const refresher = new CardRefresher({ cards, log: silentLogger, pollMs: 60_000, leaseMs: 30_000 });
    stops.push(() => refresher.stop());
    await meeting('m5');
    await cards.post('m5');
    refresher.start();
    const began = Date.now();
    for (let i = 0; i < 200; i++) {
      await store.updateMeeting('m5', { title: `Burst ${i}` });
      await cards.changed('m5');
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await until(clean);
    const elapsed = Date.now() - began;
    expect(pub.updates.at(-1)!.view.title).toBe('Burst 199');
    expect(calls.passes).toBeGreaterThan(0);
    expect(calls.passes).toBeLessThanOrEqual(Math.ceil(elapsed / 20) + 2);
    expect(calls.leases).toBe(1);
    // Past half of the lease's 30 s, the next pass renews it (and keeps editing).
    clock += 16_000;
    await store.updateMeeting('m5', { title: 'Later' });
    await cards.changed('m5');
    await until(clean);
    expect(calls.leases).toBe(2);
    expect(pub.updates.at(-1)!.view.title).toBe('Later');
  });

  it('does not edit a card again because a pass read it dirty just before its edit was recorded', async () => {
    // The first pass's edit waits in the publisher; meanwhile a second pass reads the dirty list
    // (the card is still dirty then) and gets its answer only after the edit was recorded.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const editing = new Promise<void>((r) => (entered = r));
    class SlowPublisher extends RecordingPublisher {
      override async update(ref: MessageRef, view: View): Promise<void> {
        entered();
        await held;
        return super.update(ref, view);
      }
    }
    let stale: Promise<void> | null = null;
    const slowList = new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key === 'listDirtyCards')
          return async (now: number, limit: number) => {
            const rows = await target.listDirtyCards(now, limit);
            if (stale) await stale;
            return rows;
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const pub = new SlowPublisher();
    const cards = new LiveCards({ store: slowList, log: silentLogger, minIntervalMs: 0 });
    cards.registerPublisher(pub);
    const refresher = new CardRefresher({ cards, log: silentLogger, pollMs: 60_000 });
    stops.push(() => refresher.stop());
    await meeting('m6');
    await cards.post('m6');
    await store.updateMeeting('m6', { title: 'Once' });
    await cards.changed('m6');
    const first = refresher.runOnce();
    await editing;
    let firstDone!: () => void;
    stale = new Promise<void>((r) => (firstDone = r));
    const second = refresher.runOnce();
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await first).toBe(1);
    firstDone();
    expect(await second).toBe(0);
    expect(pub.updates.map((u) => u.view.title)).toEqual(['Once']);
  });

  it('re-renders the view on demand and refuses to post for an unknown meeting', async () => {
    const { cards } = replica('d', new RecordingPublisher());
    expect(await cards.view('nope')).toBeNull();
    await expect(cards.post('nope')).rejects.toThrow('Meeting nope does not exist.');
  });
});
