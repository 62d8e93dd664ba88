import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CardRefresher } from '../../src/cards/refresher.js';
import { LiveCards } from '../../src/cards/service.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
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

async function meeting(id: string, platform: 'shell' | 'slack' = 'shell') {
  return store.createMeeting({
    id,
    sessionId: `2_${id}`,
    platform,
    teamId: 'T',
    channelId: 'C',
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

  it('re-renders the view on demand and refuses to post for an unknown meeting', async () => {
    const { cards } = replica('d', new RecordingPublisher());
    expect(await cards.view('nope')).toBeNull();
    await expect(cards.post('nope')).rejects.toThrow('Meeting nope does not exist.');
  });
});
