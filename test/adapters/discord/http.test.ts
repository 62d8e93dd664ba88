import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import type { View } from '../../../src/chat.js';
import { silentLogger } from '../../../src/log.js';
import { createHttpServer, type HttpServer } from '../../../src/server.js';
import type { ActionRequest, Invocation } from '../../../commands/types.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/index.js';
import { createDiscordRest } from '../../../adapters/discord/rest.js';
import { FakeDiscord } from './fake-discord.js';
import { signHeaders, testKeys } from './signing.js';

// The real endpoint on the real HTTP server, a fake Discord REST server, and a recording core.

const keys = testKeys();
const fake = new FakeDiscord();
let server: HttpServer;
let url = '';
let adapter: DiscordAdapter;
const calls: Array<Invocation | ActionRequest> = [];
let reply: (req: Invocation | ActionRequest) => View = () => ({
  visibility: 'ephemeral',
  blocks: [{ type: 'text', text: 'ok' }],
});
const claimed = new Set<string>();

const card = (key: string): View => ({
  visibility: 'channel',
  cardOf: key,
  title: 'Standup',
  blocks: [
    {
      type: 'buttons',
      buttons: [
        {
          action: 'live.start',
          label: 'Go live',
          key,
          modal: {
            action: 'live.start',
            title: 'Go live',
            submitLabel: 'Go',
            fields: [{ id: 'rtmp_url', label: 'RTMP URL', kind: 'text', required: true }],
          },
        },
      ],
    },
    {
      type: 'select',
      select: {
        action: 'kick',
        key,
        placeholder: 'Kick…',
        options: [{ label: 'Bob', value: 'conn-bob' }],
        confirm: { title: 'Kick?', text: 'They leave the meeting.', confirm: 'Kick', deny: 'Keep' },
      },
    },
  ],
});

let seq = 0;
const base = (type: number, extra: Record<string, unknown> = {}, perms = '0', roles: string[] = []) => ({
  id: `9${String(++seq).padStart(17, '0')}`,
  application_id: '111111111111111111',
  type,
  token: `tok-${seq}`,
  guild_id: 'g1',
  channel_id: 'c1',
  member: { user: { id: 'u1', username: 'ana', global_name: 'Ana' }, nick: null, permissions: perms, roles },
  ...extra,
});

async function post(
  payload: unknown,
  headers?: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${url}/discord/interactions`, {
    method: 'POST',
    body,
    headers: headers ?? signHeaders(keys, body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  await fake.start();
  fake.roles = [
    { id: 'r-mod', name: 'Video Mods' },
    { id: 'r-x', name: 'Other' },
  ];
  server = createHttpServer({ log: silentLogger, metrics: new Registry() });
  adapter = createDiscordAdapter({
    settings: {
      token: 'bot-token',
      publicKey: keys.publicKeyHex,
      apiUrl: fake.url,
      moderatorRole: 'video mods',
    },
    mode: 'http',
    server,
    core: {
      dispatch: async (inv) => (calls.push(inv), reply(inv)),
      dispatchAction: async (req) => (calls.push(req), reply(req)),
    },
    store: {
      claimKey: async (_s, key) => (claimed.has(key) ? false : (claimed.add(key), true)),
      getMeeting: async () => null,
      getActiveMeetingInChannel: async () => null,
    },
    cards: { view: async (id) => card(id) },
    commands: [
      { name: 'kick', role: 'moderator' },
      { name: 'live start', role: 'moderator' },
      { name: 'status', role: 'anyone' },
    ],
    log: silentLogger,
    rest: createDiscordRest({ token: 'bot-token', apiUrl: fake.url }),
  });
  await adapter.start();
  url = (await server.listen(0, '127.0.0.1')).url;
});

afterAll(async () => {
  await adapter.stop();
  await server.close();
  await fake.close();
});

beforeEach(() => {
  calls.length = 0;
  reply = () => ({ visibility: 'ephemeral', blocks: [{ type: 'text', text: 'ok' }] });
});

describe('POST /discord/interactions: signatures', () => {
  it('answers a signed PING with PONG', async () => {
    expect(await post({ ...base(1) })).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses bad, missing and stale signatures with 401 before reading the payload', async () => {
    const body = JSON.stringify(base(1));
    const bad = { ...signHeaders(keys, body), 'x-signature-ed25519': 'ab'.repeat(64) };
    expect((await post(base(1), bad)).status).toBe(401);
    expect((await post(base(1), { 'content-type': 'application/json' })).status).toBe(401);
    const staleBody = JSON.stringify(base(1));
    const stale = signHeaders(keys, staleBody, Math.floor(Date.now() / 1000) - 600);
    const res = await fetch(`${url}/discord/interactions`, {
      method: 'POST',
      body: staleBody,
      headers: stale,
    });
    expect(res.status).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it('answers signed garbage with 400 and one sentence', async () => {
    const body = 'not json';
    const res = await fetch(`${url}/discord/interactions`, {
      method: 'POST',
      body,
      headers: signHeaders(keys, body),
    });
    expect(res.status).toBe(400);
    expect(((await post({ type: 2 })).body as { message: string }).message).toBe(
      'The request is not a Discord interaction.',
    );
  });
});

describe('POST /discord/interactions: commands', () => {
  it('defers ephemerally, runs the typed subcommand and edits the original response', async () => {
    const i = base(
      2,
      {
        data: {
          name: 'video',
          options: [
            {
              type: 2,
              name: 'record',
              options: [{ type: 1, name: 'start', options: [{ type: 3, name: 'name', value: 'Weekly' }] }],
            },
          ],
        },
      },
      String(1n << 22n),
    );
    const res = await post(i);
    expect(res.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor(
      (r) => r.method === 'PATCH' && r.path === `/webhooks/111111111111111111/${i.token}/messages/@original`,
    );
    expect(edit.body).toMatchObject({ content: 'ok', allowed_mentions: { parse: [] } });
    expect(edit.auth).toBeUndefined();
    expect(calls[0]).toMatchObject({
      command: 'record start',
      options: { name: 'Weekly' },
      idempotencyKey: i.id,
      source: 'slash',
      place: { platform: 'discord', teamId: 'g1', channelId: 'c1' },
    });
    expect((calls[0] as Invocation).actor).toEqual({
      platform: 'discord',
      id: 'u1',
      name: 'Ana',
      moderator: true,
    });
  });

  it('sends a channel-wide result as a public follow-up and removes the thinking message', async () => {
    reply = () => ({
      visibility: 'channel',
      blocks: [{ type: 'notice', level: 'success', text: 'Ana started recording.' }],
    });
    const i = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } });
    await post(i);
    await fake.waitFor((r) => r.method === 'DELETE' && r.path.includes(i.token));
    // The deferral is settled first: a first follow-up would otherwise replace the ephemeral stub.
    const calls_ = fake.requests
      .filter((r) => r.path.includes(i.token))
      .map((r) => `${r.method} ${r.path.replace(/.*\/webhooks\/\d+\/[^/]+/, '')}`);
    expect(calls_).toEqual(['PATCH /messages/@original', 'POST ', 'DELETE /messages/@original']);
    const follow = fake.requests.find((r) => r.method === 'POST' && r.path.includes(i.token))!;
    expect(follow.body).toMatchObject({ content: '✅ Ana started recording.' });
    expect((follow.body as { flags?: number }).flags).toBeUndefined();
    expect((calls[0] as Invocation).actor.moderator).toBe(false);
  });

  it('waits out a 429 on the interaction webhook and delivers the reply', async () => {
    fake.rateLimitNext(/^PATCH \/webhooks\//, 0);
    const i = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } });
    await post(i);
    await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(i.token));
    expect(fake.limitedHits.filter((r) => r.path.includes(i.token))).toHaveLength(1);
  });

  it('does the work once when the same interaction arrives twice', async () => {
    const i = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } });
    expect((await post(i)).body).toEqual({ type: 5, data: { flags: 64 } });
    expect((await post(i)).body).toEqual({ type: 5, data: { flags: 64 } });
    await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(i.token));
    await adapter.handler.drain();
    expect(calls).toHaveLength(1);
    expect(fake.matching(new RegExp(i.token))).toHaveLength(1);
  });

  it('treats a member with the configured role name as a moderator', async () => {
    const i = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } }, '0', [
      'r-x',
      'r-mod',
    ]);
    await post(i);
    await fake.waitFor((r) => r.path.includes(i.token));
    expect((calls[0] as Invocation).actor.moderator).toBe(true);
    expect(fake.matching(/^GET \/guilds\/g1\/roles$/)[0]?.auth).toBe('Bot bot-token');
  });

  it('tells the person when the core fails or its reply cannot be rendered, instead of thinking forever', async () => {
    reply = () => {
      throw new Error('boom');
    };
    const a = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } });
    await post(a);
    expect(JSON.stringify((await fake.waitFor((r) => r.path.includes(a.token))).body)).toContain(
      'Something went wrong',
    );
    reply = () => ({
      visibility: 'ephemeral',
      blocks: [
        { type: 'buttons', buttons: [{ action: 'mute', label: 'Mute', key: 'k1', value: 'x'.repeat(120) }] },
      ],
    });
    const b = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } });
    await post(b);
    const edit = await fake.waitFor((r) => r.path.includes(b.token));
    expect(edit.body).toEqual({
      content: '❌ Something went wrong while handling that; it has been logged, please try again.',
      embeds: [],
      components: [],
    });
  });

  it('asks for a subcommand outside a server channel or without one', async () => {
    const dm = {
      ...base(2, { data: { name: 'video' } }),
      guild_id: undefined,
      member: undefined,
      user: { id: 'u1', username: 'ana' },
    };
    expect((await post(dm)).body).toMatchObject({
      type: 4,
      data: { flags: 64, content: 'Use `/video` in a server channel.' },
    });
  });
});

describe('POST /discord/interactions: components', () => {
  it('acknowledges a button with a deferred update and follows up ephemerally', async () => {
    const i = base(3, {
      data: { custom_id: 'v1|record.start|k1|', component_type: 2 },
      message: { id: 'm1' },
    });
    expect((await post(i)).body).toEqual({ type: 6 });
    const follow = await fake.waitFor((r) => r.method === 'POST' && r.path.endsWith(i.token));
    expect(follow.body).toMatchObject({ content: 'ok', flags: 64 });
    expect(calls[0]).toMatchObject({
      action: 'record.start',
      key: 'k1',
      source: 'button',
      idempotencyKey: i.id,
    });
  });

  it('opens the go-live modal as the first response and runs the submission with its fields', async () => {
    const click = base(
      3,
      { data: { custom_id: 'v1m|live.start|k1|', component_type: 2 } },
      String(1n << 24n),
    );
    const res = await post(click);
    expect(res.body).toMatchObject({ type: 9, data: { custom_id: 'v1|live.start|k1|', title: 'Go live' } });
    expect(calls).toHaveLength(0);
    const submit = base(5, {
      data: {
        custom_id: 'v1|live.start|k1|',
        components: [{ type: 18, component: { type: 4, custom_id: 'rtmp_url', value: 'rtmp://x/live' } }],
      },
    });
    expect((await post(submit)).body).toEqual({ type: 5, data: { flags: 64 } });
    await fake.waitFor((r) => r.path.includes(submit.token));
    expect(calls[0]).toMatchObject({
      action: 'live.start',
      key: 'k1',
      source: 'modal',
      fields: { rtmp_url: 'rtmp://x/live' },
    });
  });

  it('turns a form the core asks for after a deferral into a button that opens it', async () => {
    const dial = {
      action: 'dial',
      title: 'Dial out',
      submitLabel: 'Dial',
      fields: [{ id: 'uri', label: 'Number', kind: 'text' as const, required: true }],
    };
    reply = () => ({
      visibility: 'ephemeral',
      blocks: [{ type: 'text', text: 'Who should I call?' }],
      modal: dial,
    });
    const slash = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } });
    await post(slash);
    const edit = await fake.waitFor((r) => r.path.includes(slash.token));
    expect(JSON.stringify(edit.body)).toContain('"custom_id":"v1m|dial|-|"');
    const click = base(3, { data: { custom_id: 'v1m|dial|-|', component_type: 2 } });
    expect((await post(click)).body).toMatchObject({
      type: 9,
      data: { custom_id: 'v1|dial|-|', title: 'Dial out' },
    });
  });

  it('refuses to open a moderator form for a participant', async () => {
    const click = base(3, { data: { custom_id: 'v1m|live.start|k1|', component_type: 2 } });
    expect((await post(click)).body).toMatchObject({
      type: 4,
      data: { flags: 64, content: "Only the meeting's host or a moderator can do that." },
    });
  });

  it('confirms a kick from the select with an ephemeral prompt, then kicks once confirmed', async () => {
    const select = base(
      3,
      {
        data: { custom_id: 'v1c|kick|k1|', component_type: 3, values: ['conn-bob'] },
        message: {
          id: 'm1',
          components: [
            {
              type: 1,
              components: [
                { type: 3, custom_id: 'v1c|kick|k1|', options: [{ label: 'Bob', value: 'conn-bob' }] },
              ],
            },
          ],
        },
      },
      String(1n << 1n),
    );
    const prompt = await post(select);
    expect(prompt.body).toMatchObject({
      type: 4,
      data: { flags: 64, content: '**Kick?**\nThey leave the meeting.\n→ **Bob**' },
    });
    const buttons = (
      prompt.body.data as { components: Array<{ components: Array<{ custom_id: string; label: string }> }> }
    ).components[0]!.components;
    expect(buttons.map((b) => [b.custom_id, b.label])).toEqual([
      ['v1y|kick|k1|conn-bob', 'Kick'],
      ['v1n|kick|k1|conn-bob', 'Keep'],
    ]);
    expect(calls).toHaveLength(0);
    const yes = base(3, { data: { custom_id: buttons[0]!.custom_id, component_type: 2 } }, String(1n << 1n));
    expect((await post(yes)).body).toMatchObject({ type: 7, data: { components: [] } });
    await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(yes.token));
    expect(calls[0]).toMatchObject({
      action: 'kick',
      key: 'k1',
      value: 'conn-bob',
      actor: { moderator: true },
    });
    const no = base(3, { data: { custom_id: buttons[1]!.custom_id, component_type: 2 } });
    expect((await post(no)).body).toEqual({
      type: 7,
      data: { content: 'Cancelled.', embeds: [], components: [] },
    });
    expect(calls).toHaveLength(1);
  });

  it('answers an unknown custom ID with an ephemeral hint', async () => {
    const i = base(3, { data: { custom_id: 'someone-elses-button', component_type: 2 } });
    expect((await post(i)).body).toMatchObject({ type: 4, data: { flags: 64 } });
  });
});
