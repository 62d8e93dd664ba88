import { describe, expect, it } from 'vitest';
import type { Invocation } from '../../../commands/types.js';
import { base, calls, fake, h, keys, post, useHttpFixture } from './http-fixture.js';
import { signHeaders } from './signing.js';

// The real endpoint on the real HTTP server, a fake Discord REST server, and a recording core.
useHttpFixture();

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
    h.reply = () => ({
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
    await h.adapter.handler.drain();
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
    h.reply = () => {
      throw new Error('boom');
    };
    const a = base(2, { data: { name: 'video', options: [{ type: 1, name: 'status' }] } });
    await post(a);
    expect(JSON.stringify((await fake.waitFor((r) => r.path.includes(a.token))).body)).toContain(
      'Something went wrong',
    );
    h.reply = () => ({
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
