import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publisherClient, SlackCardPublisher } from '../../../adapters/slack/publisher.js';
import { singleToken } from '../../../adapters/slack/tokens.js';
import { CardRefresher } from '../../../src/cards/refresher.js';
import { LiveCards } from '../../../src/cards/service.js';
import { silentLogger } from '../../../src/log.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';

// One hung chat.update must not stall the other meetings' cards: each card's edit runs on its own,
// every Slack call gives up after the client's timeout (shortened here), and the hung card gets its
// latest state once Slack answers again.

let store: Store;
let api: FakeSlackApi;
let refresher: CardRefresher;
let release: () => void = () => undefined;

beforeEach(async () => {
  store = await openStore('sqlite::memory:', { log: silentLogger });
  api = await startFakeSlackApi();
});
afterEach(async () => {
  release();
  await refresher?.stop();
  await api.close();
  await store.close();
});

async function meeting(id: string, channelId: string) {
  await store.createMeeting({
    id,
    sessionId: `2_${id}`,
    platform: 'slack',
    teamId: 'T1',
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

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const updatesOf = (channel: string) => api.callsTo('chat.update').filter((c) => c.body.channel === channel);
const titleOf = (call: { body: Record<string, unknown> }) => String(call.body.text);

describe('a hung chat.update', () => {
  it('delays only its own card: other cards keep being edited, and it catches up once Slack answers', async () => {
    const cards = new LiveCards({ store, log: silentLogger, minIntervalMs: 50 });
    cards.registerPublisher(
      new SlackCardPublisher({
        client: publisherClient(api.apiUrl, undefined, 300),
        tokenFor: singleToken('xoxb-test'),
      }),
    );
    refresher = new CardRefresher({
      cards,
      log: silentLogger,
      pollMs: 20,
      callTimeoutMs: 300,
      failureBackoffMs: 100,
    });
    await meeting('slow', 'C-SLOW');
    await meeting('fast', 'C-FAST');
    await cards.post('slow');
    await cards.post('fast');

    // Slack holds every edit of the slow card until released (a 40 s hang, as far as we care).
    let hung = true;
    const held = new Promise<void>((r) => (release = r));
    api.on('chat.update', async (b) => {
      if (b.channel === 'C-SLOW' && hung) await held;
      return { json: { ok: true, channel: b.channel, ts: b.ts } };
    });
    refresher.start();
    await store.updateMeeting('slow', { title: 'Slow 1' });
    await cards.changed('slow');
    await until(() => updatesOf('C-SLOW').length >= 1, 'the slow card is being edited');

    for (let i = 1; i <= 5; i++) {
      await store.updateMeeting('fast', { title: `Fast ${i}` });
      await cards.changed('fast');
      await until(() => updatesOf('C-FAST').some((c) => titleOf(c).includes(`Fast ${i}`)), `Fast ${i}`);
    }
    // Five edits of the other card landed while the slow card's edits hung (and timed out).
    expect(updatesOf('C-FAST').length).toBeGreaterThanOrEqual(5);
    // The fast card is marked clean once its last edit's answer is back (the fake API records the
    // call on arrival, a moment before that), so wait for it; the slow card stays dirty meanwhile.
    const dirty = async () =>
      (await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 10)).map((c) => c.meetingId).join();
    await until(async () => (await dirty()) === 'slow', 'only the slow card is left to edit');

    await store.updateMeeting('slow', { title: 'Slow 2' });
    await cards.changed('slow');
    hung = false;
    release();
    await until(async () => (await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 10)).length === 0, 'clean');
    expect(titleOf(updatesOf('C-SLOW').at(-1)!)).toContain('Slow 2');
  });
});
