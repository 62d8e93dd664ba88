import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardPublisher, MessageRef, Place, View } from '../../src/chat.js';
import { CardRefresher } from '../../src/cards/refresher.js';
import { LiveCards } from '../../src/cards/service.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { freshSchema, type FreshSchema } from './pg-schema.js';

// The card writer across replicas on Postgres: an edit never starts so late in a pass that its
// lease may already have passed to another replica (which could then land a newer state first and
// be overwritten by this older one), and the replica that takes over renders the latest state.

let schema: FreshSchema;
let store: Store;
beforeAll(async () => {
  schema = await freshSchema('fence');
  store = await openStore(schema.url, { log: silentLogger, poolMax: 4 });
});
afterAll(async () => {
  await store.close();
  await schema.drop();
});

/** Records every edit a replica makes. */
class Publisher implements CardPublisher {
  readonly platform = 'slack' as const;
  readonly updates: View[] = [];
  async post(place: Place): Promise<MessageRef> {
    return { ...place, messageId: '1.0001' };
  }
  async update(_ref: MessageRef, view: View): Promise<void> {
    this.updates.push(view);
  }
}

function replica(name: string, now: () => number) {
  const publisher = new Publisher();
  const cards = new LiveCards({ store, log: silentLogger, now, minIntervalMs: 0 });
  cards.registerPublisher(publisher);
  const refresher = new CardRefresher({
    cards,
    log: silentLogger,
    holder: name,
    leaseMs: 400,
    fenceMarginMs: 100,
  });
  return { publisher, cards, refresher };
}

describe('card writer lease fence', () => {
  it('leaves an edit for the next holder when the pass ran past its fence, and the next holder renders the latest state', async () => {
    let late = false;
    // Replica a's clock jumps once the pass has begun, as if listing dirty cards had taken 350 ms.
    let calls = 0;
    const a = replica('a', () => Date.now() + (late && calls++ > 0 ? 350 : 0));
    const b = replica('b', Date.now);
    await store.createMeeting({
      id: 'f1',
      sessionId: '2_f1',
      platform: 'slack',
      teamId: 'T',
      channelId: 'C',
      title: 'Before',
      hostId: 'U0',
      hostName: 'Ada',
      status: 'active',
      options: { relayed: false, autoRecord: false, e2ee: false },
      muteAll: false,
      layout: null,
      createdAt: Date.now(),
      endedAt: null,
    });
    await a.cards.post('f1');
    await store.updateMeeting('f1', { title: 'After' });
    await a.cards.changed('f1');

    late = true;
    expect(await a.refresher.runOnce()).toBe(0);
    expect(a.publisher.updates).toEqual([]);
    expect(await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 10)).toHaveLength(1);
    // While a's lease lasts, b may not edit; once it has run out, b takes over.
    expect(await b.refresher.runOnce()).toBe(0);
    await new Promise((r) => setTimeout(r, 450));
    expect(await b.refresher.runOnce()).toBe(1);
    expect(b.publisher.updates.map((v) => v.title)).toEqual(['After']);
    expect(await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    await a.refresher.stop();
    await b.refresher.stop();
  });
});
