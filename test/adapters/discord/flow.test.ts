import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRMED } from '../../../adapters/discord/handler.js';
import { APP, PERMS, slash, startDiscordHarness, type DiscordHarness, type Who } from './harness.js';

// A whole meeting driven through the signed endpoint, the real core and the emulator.

const HOST: Who = { id: 'u-host' };
const MOD: Who = { id: 'u-mod', perms: PERMS.mute };
const ROLE_MOD: Who = { id: 'u-role', roles: ['r-mod'] };
const GUEST: Who = { id: 'u-guest' };

const text = (r: { body: unknown }) => JSON.stringify(r.body);

describe('Discord adapter: a meeting through /discord/interactions', () => {
  let h: DiscordHarness;
  let key = '';
  let bob = '';
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(async () => h?.close());

  const run = async (
    who: Who,
    type: number,
    data: Record<string, unknown>,
    extra?: Record<string, unknown>,
  ) => {
    const i = h.interaction(type, who, data, extra);
    const first = await h.send(i);
    return { i, first };
  };
  const click = (who: Who, customId: string, values?: string[]) =>
    run(
      who,
      3,
      { custom_id: customId, component_type: values ? 3 : 2, ...(values ? { values } : {}) },
      { message: { id: 'card' } },
    );

  it('/video start defers, then posts the card as a channel message with the bot token', async () => {
    const { i, first } = await run(HOST, 2, slash('start', { title: 'Weekly sync' }));
    expect(first.body).toEqual({ type: 5, data: { flags: 64 } });
    await h.result(i.token);
    const post = await h.discord.waitFor((r) => r.method === 'POST' && r.path === '/channels/c1/messages');
    expect(post.auth).toBe('Bot bot-token');
    expect(text(post)).toContain('Weekly sync');
    const m = await h.meeting();
    key = m.id;
    expect(text(post)).toContain(`v1|record.start|${key}|`);
    expect(await h.store.listCards(m.id)).toHaveLength(1);
  });

  it('Join answers the clicker alone with a personal link', async () => {
    const { i, first } = await click(GUEST, `v1|join|${key}|`);
    expect(first.body).toEqual({ type: 6 });
    const reply = await h.result(i.token);
    expect(reply.method).toBe('POST');
    expect((reply.body as { flags: number }).flags).toBe(64);
    expect(text(reply)).toMatch(/\/join\//);
  });

  it('refuses Record to a participant and records for a member with Mute Members, once for a double click', async () => {
    const refused = await click(GUEST, `v1|record.start|${key}|`);
    expect(text(await h.result(refused.i.token))).toContain("Only the meeting's host or a moderator");
    bob = await h.join(await h.meeting(), 'Bob', 'u-bob');
    await h.settle();
    const i = h.interaction(3, MOD, { custom_id: `v1|record.start|${key}|`, component_type: 2 });
    const [a, b] = await Promise.all([h.send(i), h.send(i)]);
    expect([a.body, b.body]).toEqual([{ type: 6 }, { type: 6 }]);
    await h.result(i.token);
    await h.settle();
    expect(await h.store.listRecordings(key)).toHaveLength(1);
    expect(JSON.stringify(h.lastCard())).toContain(`v1|record.stop|${key}|`);
  });

  it('goes live through the modal without the stream key ever reaching Discord', async () => {
    const open = await click(MOD, `v1m|live.start|${key}|`);
    expect(open.first.body).toMatchObject({
      type: 9,
      data: { custom_id: `v1|live.start|${key}|`, title: 'Go live' },
    });
    const fields = [
      { type: 18, component: { type: 4, custom_id: 'rtmp_url', value: 'rtmp://live.example.com/app' } },
      { type: 18, component: { type: 4, custom_id: 'rtmp_key', value: 'sk-SECRET-123' } },
      { type: 18, component: { type: 23, custom_id: 'hls', value: true } },
    ];
    const { i, first } = await run(MOD, 5, { custom_id: `v1|live.start|${key}|`, components: fields });
    // Going live is announced: deferred publicly, so the announcement is one edit of that message.
    expect(first.body).toEqual({ type: 5 });
    const announced = await h.result(i.token);
    expect(`${announced.method} ${announced.path}`).toBe(
      `PATCH /webhooks/${APP}/${i.token}/messages/@original`,
    );
    await h.settle();
    expect((await h.store.listBroadcasts(key)).map((b) => b.status)).toContain('started');
    expect(JSON.stringify(h.discord.requests)).not.toContain('sk-SECRET-123');
  });

  it('sets the layout from a typed option with choices, announced in one REST call', async () => {
    const { i, first } = await run(ROLE_MOD, 2, slash('layout', { type: 'pip' }));
    expect(first.body).toEqual({ type: 5 });
    const announced = await h.result(i.token);
    expect(text(announced)).toContain('pip');
    expect((await h.meeting()).layout?.type).toBe('pip');
    await h.settle();
    expect(h.discord.requests.filter((r) => r.path.includes(i.token)).map((r) => r.method)).toEqual([
      'PATCH',
    ]);
  });

  it('mutes everyone, then one person from the select', async () => {
    const all = await click(MOD, `v1|mute.all|${key}|`);
    await h.result(all.i.token);
    const m = await h.meeting();
    expect(m.muteAll).toBe(true);
    expect(h.emulator.snapshot(m.sessionId).muteAll.active).toBe(true);
    const one = await click(MOD, `v1|mute|${key}|`, [bob]);
    expect(one.first.body).toEqual({ type: 6 });
    expect(text(await h.result(one.i.token))).toContain('muted');
  });

  it('dials out and sends DTMF through modals', async () => {
    const open = await click(MOD, `v1m|dial|${key}|`);
    expect(open.first.body).toMatchObject({ type: 9 });
    const dial = await run(MOD, 5, {
      custom_id: `v1|dial|${key}|`,
      components: [
        { type: 18, component: { type: 4, custom_id: 'uri', value: 'sip:+15551234567@sip.example.com' } },
      ],
    });
    await h.result(dial.i.token);
    await h.settle();
    expect(await h.store.listSipLegs(key)).toHaveLength(1);
    expect(JSON.stringify(h.lastCard())).toContain(`v1m|dtmf|${key}|`);
    const dtmfOpen = await click(MOD, `v1m|dtmf|${key}|`);
    expect(dtmfOpen.first.body).toMatchObject({ type: 9, data: { title: 'Send DTMF' } });
    const dtmf = await run(MOD, 5, {
      custom_id: `v1|dtmf|${key}|`,
      components: [{ type: 18, component: { type: 4, custom_id: 'digits', value: '1234#' } }],
    });
    await h.result(dtmf.i.token);
    expect(h.emulator.dtmf((await h.meeting()).sessionId).map((d) => d.digits)).toContain('1234#');
  });

  it('kicks only after the ephemeral confirmation', async () => {
    const pick = await click(MOD, `v1c|kick|${key}|`, [bob]);
    expect(pick.first.body).toMatchObject({ type: 4, data: { flags: 64 } });
    const m = await h.meeting();
    expect(h.emulator.snapshot(m.sessionId).connections.some((c) => c.id === bob)).toBe(true);
    const yes = await click(MOD, `v1y|kick|${key}|${bob}`);
    expect(yes.first.body).toMatchObject({ type: 7, data: { content: CONFIRMED, components: [] } });
    await h.result(yes.i.token);
    await h.settle();
    expect(h.emulator.snapshot(m.sessionId).connections.some((c) => c.id === bob)).toBe(false);
    // The kick is announced anyway: one public follow-up is the whole delivery (no settling edit).
    const calls = h.discord.requests.filter((r) => r.path.includes(yes.i.token));
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /webhooks/${APP}/${yes.i.token}`]);
    expect((calls[0]!.body as { flags?: number }).flags).toBeUndefined();
    expect(text(calls[0]!)).toContain('Bob');
  });

  it('waits out a 429 on a card edit and still brings the card up to date', async () => {
    h.discord.rateLimitNext(/^PATCH \/channels\/c1\/messages\//, 1);
    const off = await click(MOD, `v1|mute.off|${key}|`);
    await h.result(off.i.token);
    await h.settle();
    expect(h.discord.limitedHits.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(JSON.stringify(h.lastCard())).toContain(`v1|mute.all|${key}|`);
  });

  it('refuses End to a participant and ends the meeting for the host after confirming', async () => {
    const refused = await click(GUEST, `v1c|end|${key}|`);
    expect(refused.first.body).toMatchObject({
      type: 4,
      data: { content: "Only the meeting's host or a moderator can do that." },
    });
    const prompt = await click(HOST, `v1c|end|${key}|`);
    expect(text(prompt.first)).toContain('End the meeting?');
    const yes = await click(HOST, `v1y|end|${key}|`);
    await h.result(yes.i.token);
    await h.settle();
    expect((await h.store.getMeeting(key))?.status).toBe('ended');
  });
});
