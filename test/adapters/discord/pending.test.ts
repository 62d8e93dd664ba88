import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/index.js';
import type { StoredRequest } from '../../../commands/stored.js';
import { createLogger } from '../../../src/log.js';
import type { Store } from '../../../src/store/types.js';
import { testDoor } from '../../support/context.js';
import { startBotStack, type BotStack } from '../../support/stack.js';
import { FakeDiscord } from './fake-discord.js';
import { signHeaders, testKeys } from './signing.js';
import { settle } from '../../support/eventually.js';

// An interaction acked by a replica that then died (its pending row goes stale) is taken over by the
// live replica's recovery once, run again from the stored neutral request and answered through the
// interaction webhook.

const APP = '111111111111111111';
const keys = testKeys();
const lines: string[] = [];
const log = createLogger({ level: 'debug', write: (l) => lines.push(l) });
let discord: FakeDiscord;
let stack: BotStack;
let adapter: DiscordAdapter;
let url = '';
/** Pending commands marked done, in order (seen at the store's surface). */
const finished: string[] = [];

const until = async (done: () => boolean) => {
  await settle(done);
  expect(done()).toBe(true);
};

const startCommand = (id: string, token: string, title: string) => ({
  id,
  application_id: APP,
  type: 2,
  token,
  guild_id: 'g1',
  channel_id: 'c1',
  member: { user: { id: 'u1', username: 'hana', global_name: 'Hana' }, permissions: '0', roles: [] },
  data: {
    name: 'video',
    type: 1,
    options: [{ type: 1, name: 'start', options: [{ name: 'title', type: 3, value: title }] }],
  },
});

/** What the dead replica's front door stored for interaction `i` before acking it. */
const storedFor = (
  i: { id: string; token: string },
  source: StoredRequest['source'],
  ask: Pick<StoredRequest, 'command' | 'options' | 'meetingKey'>,
  mode: 'deferred' | 'clicked',
): StoredRequest => ({
  v: 1,
  actor: { platform: 'discord', id: 'u1', name: 'Hana', moderator: false },
  place: { platform: 'discord', teamId: 'g1', channelId: 'c1' },
  source,
  delivery: i.id,
  ...ask,
  acked: 'ephemeral',
  replyTo: { id: i.id, applicationId: APP, token: i.token, mode },
  replyBy: Date.now() + 14 * 60_000,
});

const clickOn = (id: string, token: string, customId: string) => ({
  id,
  application_id: APP,
  type: 3,
  token,
  guild_id: 'g1',
  channel_id: 'c1',
  member: { user: { id: 'u1', username: 'hana', global_name: 'Hana' }, permissions: '0', roles: [] },
  message: { id: 'card' },
  data: { custom_id: customId, component_type: 2 },
});

const postSigned = async (payload: unknown) => {
  const body = JSON.stringify(payload);
  const res = await fetch(`${url}/discord/interactions`, {
    method: 'POST',
    body,
    headers: signHeaders(keys, body),
  });
  return (await res.json()) as { type: number };
};

/** The id of the meeting the first test rescued in channel c1 (the clicks are on its card). */
const rescuedKey = async () => (await stack.store.getActiveMeetingInChannel('discord', 'g1', 'c1'))!.id;

beforeAll(async () => {
  discord = await new FakeDiscord().start();
  stack = await startBotStack({
    callbackSecret: 'discord-pending-callback-secret-01',
    minIntervalMs: 20,
    pollMs: 20,
  });
  const door = testDoor(
    { ...stack.ctx, store: withFinishLog(stack.store), log },
    { holder: 'live-replica', staleMs: 5_000, recoverMs: 20, minAgeMs: 0 },
  );
  adapter = createDiscordAdapter({
    settings: { token: 'bot-token', publicKey: keys.publicKeyHex, apiUrl: discord.url },
    mode: 'http',
    server: stack.server,
    door,
    log,
  });
  stack.cards.registerPublisher(adapter.publisher);
  stack.onClose(() => adapter.stop());
  url = await stack.listen();
});

/** The store, recording the pending commands marked done (seen at the store's surface). */
function withFinishLog(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (prop !== 'commit') return v.bind(target);
      const commit: Store['commit'] = async (writes, opts) => {
        const applied = await target.commit(writes, opts);
        writes.forEach((w, n) => w.kind === 'finishPending' && applied[n] && finished.push(w.id));
        return applied;
      };
      return commit;
    },
  });
}

afterAll(async () => {
  await stack.close();
  await discord.close();
});

describe('Discord interactions survive the replica that acked them', () => {
  it('a command whose owner died is taken over once and answered by editing @original', async () => {
    const { store } = stack;
    const i = startCommand('900000000000000001', 'itok-dead-1', 'Rescued');
    const key = `discord:${i.id}`;
    const longAgo = Date.now() - 60_000;
    // The dead replica recorded it, acked it and entered the core, then was killed.
    // A Slack command of another dead replica sits in the same table; Discord's recovery leaves it.
    const stored = storedFor(i, 'slash', { command: 'start', options: { title: 'Rescued' } }, 'deferred');
    expect(
      await store.recordPendingCommand(
        {
          id: key,
          platform: 'discord',
          kind: 'request',
          payload: JSON.stringify(stored),
          owner: 'dead-replica',
        },
        longAgo,
      ),
    ).toBe(true);
    expect(
      await store.recordPendingCommand(
        { id: 'slack:T1:trig-1', platform: 'slack', kind: 'request', payload: '{}', owner: 'dead-replica' },
        longAgo,
      ),
    ).toBe(true);

    await adapter.start();
    const answer = await discord.waitFor(
      (r) => r.method === 'PATCH' && r.path === `/webhooks/${APP}/${i.token}/messages/@original`,
    );
    expect(JSON.stringify(answer.body)).toContain('Rescued');
    await until(() => finished.includes(key));
    await stack.settle({ name: 'the pending test', idle: () => adapter.idle() });

    expect(
      discord.matching(new RegExp(`^PATCH /webhooks/${APP}/${i.token}/messages/@original$`)),
    ).toHaveLength(1);
    const meetings = (await store.listActiveMeetings()).filter((m) => m.platform === 'discord');
    expect(meetings.map((m) => m.title)).toEqual(['Rescued']);
    expect(await store.listCards(meetings[0]!.id)).toHaveLength(1);
    // Done: nothing of Discord's is left to take over; the Slack row is still there for Slack's recovery.
    expect(
      await store.claimStalePendingCommands('probe', Number.MAX_SAFE_INTEGER, Date.now(), 100, 'discord'),
    ).toEqual([]);
    expect(
      (await store.claimStalePendingCommands('probe', Number.MAX_SAFE_INTEGER, Date.now(), 100, 'slack')).map(
        (c) => c.id,
      ),
    ).toEqual(['slack:T1:trig-1']);
    expect(finished.filter((id) => id === key)).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(i.token);
  });

  it('a live command is recorded before its ack and answered once; a repeat delivery does no work', async () => {
    const i = { ...startCommand('900000000000000002', 'itok-live-2', 'Second'), channel_id: 'c2' };
    const send = async () => {
      const body = JSON.stringify(i);
      const res = await fetch(`${url}/discord/interactions`, {
        method: 'POST',
        body,
        headers: signHeaders(keys, body),
      });
      return (await res.json()) as { type: number };
    };
    expect((await send()).type).toBe(5);
    expect((await send()).type).toBe(5);
    await discord.waitFor(
      (r) => r.method === 'PATCH' && r.path === `/webhooks/${APP}/${i.token}/messages/@original`,
    );
    await until(() => finished.includes(`discord:${i.id}`));
    await stack.settle({ name: 'the pending test', idle: () => adapter.idle() });
    // The row exists (a second record is refused) and is done (no take-over finds it).
    expect(
      await stack.store.recordPendingCommand(
        { id: `discord:${i.id}`, platform: 'discord', kind: 'request', payload: '{}', owner: 'x' },
        Date.now(),
      ),
    ).toBe(false);
    expect(
      await stack.store.claimStalePendingCommands(
        'probe',
        Number.MAX_SAFE_INTEGER,
        Date.now(),
        100,
        'discord',
      ),
    ).toEqual([]);
    expect(
      discord.matching(new RegExp(`^PATCH /webhooks/${APP}/${i.token}/messages/@original$`)),
    ).toHaveLength(1);
    expect(await stack.store.getActiveMeetingInChannel('discord', 'g1', 'c2')).toMatchObject({
      title: 'Second',
    });
    expect(finished.filter((id) => id === `discord:${i.id}`)).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(i.token);
  });
  it('a Join click whose owner died is taken over once and answered once by an ephemeral follow-up', async () => {
    const { store } = stack;
    const i = clickOn('900000000000000003', 'itok-dead-3', `v1|join|${await rescuedKey()}|`);
    const key = `discord:${i.id}`;
    const longAgo = Date.now() - 60_000;
    // The dead replica recorded the click, acked it with a deferred update (type 6), and died.
    const stored = storedFor(
      i,
      'button',
      { command: 'join', options: {}, meetingKey: await rescuedKey() },
      'clicked',
    );
    expect(
      await store.recordPendingCommand(
        {
          id: key,
          platform: 'discord',
          kind: 'request',
          payload: JSON.stringify(stored),
          owner: 'dead-replica',
        },
        longAgo,
      ),
    ).toBe(true);

    const reply = await discord.waitFor(
      (r) => r.method === 'POST' && r.path === `/webhooks/${APP}/${i.token}`,
    );
    expect((reply.body as { flags: number }).flags).toBe(64);
    expect(JSON.stringify(reply.body)).toMatch(/\/join\//);
    await until(() => finished.includes(key));
    await stack.settle({ name: 'the pending test', idle: () => adapter.idle() });

    expect(
      discord.requests.filter((r) => r.path.includes(i.token)).map((r) => `${r.method} ${r.path}`),
    ).toEqual([`POST /webhooks/${APP}/${i.token}`]);
    expect(
      await store.claimStalePendingCommands('probe', Number.MAX_SAFE_INTEGER, Date.now(), 100, 'discord'),
    ).toEqual([]);
    expect(finished.filter((id) => id === key)).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(i.token);
  });

  it('a live Join click is recorded before its ack and answered once; a form-opening click is not recorded', async () => {
    const meeting = await rescuedKey();
    const i = clickOn('900000000000000004', 'itok-live-4', `v1|join|${meeting}|`);
    const key = `discord:${i.id}`;
    expect((await postSigned(i)).type).toBe(6);
    expect((await postSigned(i)).type).toBe(6);
    await discord.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${APP}/${i.token}`);
    await until(() => finished.includes(key));
    await stack.settle({ name: 'the pending test', idle: () => adapter.idle() });
    expect(
      await stack.store.recordPendingCommand(
        { id: key, platform: 'discord', kind: 'request', payload: '{}', owner: 'x' },
        Date.now(),
      ),
    ).toBe(false);
    expect(
      await stack.store.claimStalePendingCommands(
        'probe',
        Number.MAX_SAFE_INTEGER,
        Date.now(),
        100,
        'discord',
      ),
    ).toEqual([]);
    expect(discord.matching(new RegExp(`^POST /webhooks/${APP}/${i.token}$`))).toHaveLength(1);
    expect(finished.filter((id) => id === key)).toHaveLength(1);

    // "Go live" opens its form as the first response (type 9): no work, so no pending row.
    const form = clickOn('900000000000000005', 'itok-form-5', `v1m|live.start|${meeting}|`);
    expect((await postSigned(form)).type).toBe(9);
    expect(
      await stack.store.recordPendingCommand(
        { id: `discord:${form.id}`, platform: 'discord', kind: 'request', payload: '{}', owner: 'x' },
        Date.now(),
      ),
    ).toBe(true);
    await stack.store.finishPendingCommand(`discord:${form.id}`, Date.now());
    expect(lines.join('\n')).not.toContain(i.token);
  });
});
