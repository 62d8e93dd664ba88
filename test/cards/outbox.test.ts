import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PlatformRateLimitedError,
  type CardPublisher,
  type MessageRef,
  type Place,
  type View,
} from '../../src/chat.js';
import { attemptPost } from '../../src/cards/outbox.js';
import { CardRefresher } from '../../src/cards/refresher.js';
import { LiveCards } from '../../src/cards/service.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

// The card outbox: a card the platform refused (429, 5xx), or did not answer, stays queued in the
// store and is posted later with the meeting's latest state; it survives a restart.

/** A publisher whose next posts fail as scripted: a Retry-After, an error, or no answer at all. */
class ScriptedPublisher implements CardPublisher {
  readonly platform = 'slack' as const;
  readonly script: Array<{ retryAfterMs: number } | 'error' | 'hang'> = [];
  readonly posted: View[] = [];
  attempts = 0;

  async post(place: Place, view: View): Promise<MessageRef> {
    this.attempts++;
    const next = this.script.shift();
    if (next === 'hang') return new Promise<never>(() => undefined);
    if (next === 'error') throw new Error('Slack answered 500.');
    if (next) throw new PlatformRateLimitedError(next.retryAfterMs);
    this.posted.push(view);
    return { ...place, messageId: `m${this.posted.length}` };
  }

  async update(): Promise<void> {}
}

let dir: string;
let store: Store;
const stops: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  store = await openStore(`sqlite:${join(dir, 'bot.db')}`, { log: silentLogger });
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function writer(publisher: CardPublisher, s = store) {
  const cards = new LiveCards({
    store: s,
    log: silentLogger,
    minIntervalMs: 20,
    retryBaseMs: 30,
    callTimeoutMs: 200,
  });
  cards.registerPublisher(publisher);
  const refresher = new CardRefresher({ cards, log: silentLogger, pollMs: 20 });
  stops.push(() => refresher.stop());
  return { cards, refresher };
}

async function meeting(s = store) {
  return s.createMeeting({
    id: 'k1',
    sessionId: '2_k1',
    platform: 'slack',
    teamId: 'T1',
    channelId: 'C1',
    title: 'First title',
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

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const stored = async (s = store) => (await s.listCards('k1')).length === 1;

describe('the card outbox', () => {
  it('leaves a card being posted to the replica that queued it: another card writer cannot take it', async () => {
    await meeting();
    const mine = new ScriptedPublisher();
    const theirs = new ScriptedPublisher();
    const other = writer(theirs);
    // Right after the card is queued, the card writer on another replica runs its outbox pass.
    let looked = false;
    const watched = new Proxy(store, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return async (...args: unknown[]) => {
          if (prop === 'listCardPosts' && !looked) {
            looked = true;
            for (const post of await store.listDueCardPosts(Date.now(), 20))
              await attemptPost(other.cards, post);
          }
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const { cards } = writer(mine, watched);
    // Had the other replica taken it, and died between posting and storing, the card would be posted twice.
    expect(await cards.post('k1')).toBe('posted');
    expect(looked).toBe(true);
    expect(theirs.attempts).toBe(0);
    expect(mine.posted).toHaveLength(1);
    expect(await store.listCardPosts('k1')).toEqual([]);
  });

  it('keeps a card refused with 429 and posts it after Retry-After, with the latest state', async () => {
    const pub = new ScriptedPublisher();
    pub.script.push({ retryAfterMs: 300 });
    const { cards, refresher } = writer(pub);
    await meeting();
    expect(await cards.post('k1')).toBe('pending');
    expect(await store.listCards('k1')).toEqual([]);
    await store.updateMeeting('k1', { title: 'Second title' });
    refresher.start();
    await until(stored, 'the card is stored');
    expect(pub.posted.map((v) => v.title)).toEqual(['Second title']);
    expect(await store.listCardPosts('k1')).toEqual([]);
    expect(pub.attempts).toBe(2);
  });

  it('keeps trying through a few 5xx and a hung call, and posts the card once', async () => {
    const pub = new ScriptedPublisher();
    pub.script.push('error', 'hang', 'error', 'error');
    const { cards, refresher } = writer(pub);
    await meeting();
    expect(await cards.post('k1')).toBe('pending');
    refresher.start();
    await until(stored, 'the card is stored');
    expect(pub.attempts).toBe(5);
    expect(pub.posted).toHaveLength(1);
    // A second post of the same meeting (a re-run of start) neither posts nor queues again.
    expect(await cards.post('k1')).toBe('posted');
    expect(pub.posted).toHaveLength(1);
  });

  it('posts a card left pending by a process that stopped, once the next one runs', async () => {
    const down = new ScriptedPublisher();
    down.script.push('error');
    const first = writer(down);
    await meeting();
    expect(await first.cards.post('k1')).toBe('pending');
    for (const stop of stops.splice(0)) await stop();
    await store.close();

    store = await openStore(`sqlite:${join(dir, 'bot.db')}`, { log: silentLogger });
    const up = new ScriptedPublisher();
    writer(up).refresher.start();
    await until(stored, 'the card is stored after the restart');
    expect(up.posted.map((v) => v.title)).toEqual(['First title']);
  });
});
