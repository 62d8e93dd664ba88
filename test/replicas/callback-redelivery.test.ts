import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveCards } from '../../src/cards/service.js';
import { CallbackIngestor } from '../../src/events/ingest.js';
import { dedupeKey, eventTime } from '../../src/events/order.js';
import { parseCallback, type Callback } from '../../src/events/schemas.js';
import { connectionData } from '../../src/identity.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { freshSchema, type FreshSchema } from './pg-schema.js';

// A replica can die between taking a callback and applying it. Vonage redelivers a callback it got
// no answer for, possibly to another replica; that delivery must then be applied, not dropped as a
// duplicate. And a replica answers only once the event is in the store and the card is marked.

let schema: FreshSchema;
let store: Store;
let ingestor: CallbackIngestor;
beforeAll(async () => {
  schema = await freshSchema('redeliver');
  store = await openStore(schema.url, { log: silentLogger, poolMax: 4 });
  const cards = new LiveCards({ store, log: silentLogger });
  ingestor = new CallbackIngestor({ store, cards, log: silentLogger, auth: { pathToken: 'x'.repeat(32) } });
  await store.createMeeting({
    id: 'rd1',
    sessionId: '2_rd1',
    platform: 'slack',
    teamId: 'T',
    channelId: 'C',
    title: 'Redelivery',
    hostId: 'U0',
    hostName: 'Ada',
    status: 'active',
    options: { relayed: false, autoRecord: false, e2ee: false },
    muteAll: false,
    layout: null,
    createdAt: Date.now(),
    endedAt: null,
  });
});
afterAll(async () => {
  await ingestor.idle();
  await store.close();
  await schema.drop();
});

function joined(connectionId: string, name: string): Callback {
  const parsed = parseCallback({
    sessionId: '2_rd1',
    projectId: '1',
    event: 'connectionCreated',
    reason: 'clientConnected',
    timestamp: Date.now(),
    connection: {
      id: connectionId,
      createdAt: Date.now(),
      data: connectionData({ platform: 'slack', userId: `U-${name}`, name }),
    },
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.callback;
}

describe('callback redelivery across replicas', () => {
  it('applies a redelivered callback whose first taker died before applying it', async () => {
    const cb = joined('conn-a', 'Grace');
    // The dead replica's claim: the key exists, no result was ever recorded.
    expect(await store.claimKey('callback', dedupeKey(cb, eventTime(cb, Date.now())), 60_000)).toBe(true);
    expect(await ingestor.accept(cb)).toBe('queued');
    expect((await store.listConnections('rd1')).map((c) => c.name)).toEqual(['Grace']);
  });

  it('answers only after the event is stored and the card marked changed; a later copy is a duplicate', async () => {
    const before = (await store.getMeeting('rd1'))!.version;
    const cb = joined('conn-b', 'Linus');
    expect(await ingestor.accept(cb)).toBe('queued');
    // No waiting for the queue: by the time accept() resolved, both writes had happened.
    expect((await store.listConnections('rd1')).map((c) => c.name).sort()).toEqual(['Grace', 'Linus']);
    expect((await store.getMeeting('rd1'))!.version).toBeGreaterThan(before);
    expect(await ingestor.accept(cb)).toBe('duplicate');
  });
});
