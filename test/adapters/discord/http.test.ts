import { describe, expect, it } from 'vitest';
import { base, fake, h, keys, post, useHttpFixture } from './http-fixture.js';
import { signHeaders } from './signing.js';

// The real endpoint on the real HTTP server, a fake Discord REST server, and a recording front door.
useHttpFixture();
const calls = h.door.requests;

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
    const res = await fetch(`${h.url}/discord/interactions`, {
      method: 'POST',
      body: staleBody,
      headers: stale,
    });
    expect(res.status).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it('answers signed garbage with 400 and one sentence', async () => {
    const body = 'not json';
    const res = await fetch(`${h.url}/discord/interactions`, {
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
      ask: { kind: 'command', command: 'record start', options: { name: 'Weekly' } },
      delivery: i.id,
      source: 'slash',
      place: { platform: 'discord', teamId: 'g1', channelId: 'c1' },
      replyTo: { id: i.id, applicationId: '111111111111111111', token: i.token, mode: 'deferred' },
    });
    expect(calls[0]!.actor).toEqual({ platform: 'discord', id: 'u1', name: 'Ana', moderator: true });
  });

  it('defers publicly when the core expects to announce the result, which is then one edit', async () => {
    h.door.visibility = 'channel';
    h.door.reply = () => ({
      visibility: 'channel',
      blocks: [{ type: 'notice', level: 'success', text: 'Ana muted everyone.' }],
    });
    const i = base(2, { data: { name: 'video', options: [{ type: 1, name: 'mute' }] } }, String(1n << 22n));
    expect((await post(i)).body).toEqual({ type: 5 });
    const edit = await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(i.token));
    expect(edit.body).toMatchObject({ content: '✅ Ana muted everyone.' });
    await h.door.idle();
    expect(fake.requests.filter((r) => r.path.includes(i.token))).toHaveLength(1);
  });

  it('replaces a public deferral whose result is personal (a refusal) with an ephemeral follow-up', async () => {
    h.door.visibility = 'channel';
    h.door.reply = () => ({
      visibility: 'ephemeral',
      blocks: [{ type: 'notice', level: 'error', text: 'Only the host can.' }],
    });
    const i = base(2, { data: { name: 'video', options: [{ type: 1, name: 'end' }] } });
    await post(i);
    const follow = await fake.waitFor((r) => r.method === 'POST' && r.path.includes(i.token));
    expect((follow.body as { flags?: number }).flags).toBe(64);
    const seen = fake.requests.filter((r) => r.path.includes(i.token)).map((r) => r.method);
    expect(seen).toEqual(['DELETE', 'POST']);
  });

  it('sends a channel-wide result after an ephemeral deferral as a public follow-up and removes the thinking message', async () => {
    h.door.reply = () => ({
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
    expect(calls[0]!.actor.moderator).toBe(false);
  });

  it('waits out a 429 on the interaction webhook and delivers the reply', async () => {
    fake.rateLimitNext(/^PATCH \/webhooks\//, 0);
    const i = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } });
    await post(i);
    await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(i.token));
    expect(fake.limitedHits.filter((r) => r.path.includes(i.token))).toHaveLength(1);
  });

  it('passes role IDs on, and its port makes a member with the configured role name a moderator', async () => {
    const i = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } }, '0', [
      'r-x',
      'r-mod',
    ]);
    await post(i);
    await fake.waitFor((r) => r.path.includes(i.token));
    const actor = calls[0]!.actor;
    expect(actor).toMatchObject({ moderator: false, roles: ['r-x', 'r-mod'] });
    expect(await h.door.port!.isModerator(actor, calls[0]!.place)).toBe(true);
    expect(await h.door.port!.isModerator({ ...actor, roles: ['r-x'] }, calls[0]!.place)).toBe(false);
    expect(fake.matching(/^GET \/guilds\/g1\/roles$/)[0]?.auth).toBe('Bot bot-token');
  });

  it('tells the person when the reply cannot be rendered, instead of thinking forever', async () => {
    h.door.reply = () => ({
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
