import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canViewChannel } from '../../../adapters/discord/viewers.js';
import type { RecordingRecord } from '../../../src/store/types.js';
import { eventually } from '../../support/eventually.js';
import { slash, startDiscordHarness, type DiscordHarness, type Who } from './harness.js';

// The recordings library on Discord, against the fake REST API and the emulator: after the meeting
// the channel lists its recordings, `--mine` is the person's paged ephemeral list, and a link asked
// for from another channel goes to those who can view the meeting's channel (computed from the
// guild's roles and the channel's permission overwrites, as Discord does) and to attendees only.

const VIEW = PermissionFlagsBits.ViewChannel;
const HOST: Who = { id: 'u-host' };
const BOB: Who = { id: 'u-bob' };
const VIEWER: Who = { id: 'u-viewer', roles: ['r-team'] };
const OUTSIDER: Who = { id: 'u-out' };
const STRANGER: Who = { id: 'u-zed' };

const text = (r: { body: unknown }) => JSON.stringify(r.body);

describe('Discord adapter: the recordings library after the meeting', () => {
  let h: DiscordHarness;
  let key = '';
  let rec: RecordingRecord;
  const run = async (
    who: Who,
    data: Record<string, unknown>,
    type = 2,
    extra: Record<string, unknown> = {},
  ) => {
    const i = h.interaction(type, who, data, extra);
    await h.send(i);
    return h.result(i.token);
  };
  const click = (who: Who, customId: string, channel = 'c1') =>
    run(who, { custom_id: customId, component_type: 2 }, 3, { message: { id: 'list' }, channel_id: channel });

  beforeAll(async () => {
    h = await startDiscordHarness();
    // c1 is private to the r-team role: @everyone may not view it, r-team may.
    h.discord.guild = { id: 'g1', owner_id: 'u-owner' };
    h.discord.roles = [
      { id: 'g1', name: '@everyone', permissions: String(VIEW | PermissionFlagsBits.SendMessages) },
      { id: 'r-mod', name: 'Video Mods', permissions: '0' },
      { id: 'r-team', name: 'Team', permissions: '0' },
    ];
    h.discord.members.set('u-viewer', ['r-team']);
    h.discord.members.set('u-out', []);
    h.discord.channels.set('c1', {
      id: 'c1',
      guild_id: 'g1',
      permission_overwrites: [
        { id: 'g1', type: 0, allow: '0', deny: String(VIEW) },
        { id: 'r-team', type: 0, allow: String(VIEW), deny: '0' },
      ],
    });
    await run(HOST, slash('start', { title: 'Weekly' }));
    const m = await h.meeting();
    key = m.id;
    await h.join(m, 'Bob', 'u-bob');
    await eventually(async () => h.store.hasAttended(m.id, 'u-bob'), 'Bob attending');
    await run(HOST, slash('record start', { name: 'Demo' }));
    await eventually(async () => (await h.store.listRecordings(m.id)).length > 0, 'the recording');
    await run(HOST, slash('record stop'));
    [rec] = (await eventually(async () => {
      const r = await h.store.listRecordings(m.id);
      return r[0]?.status === 'available' ? r : null;
    }, 'the recording available')) as [RecordingRecord];
    await run(HOST, slash('end'));
    await eventually(async () => (await h.store.getMeeting(m.id))?.status === 'ended', 'the end');
    await h.settle();
  }, 60_000);
  afterAll(async () => h?.close());

  it('lists the channel’s recordings after the meeting, ephemerally, with their buttons', async () => {
    const list = await run(HOST, slash('recordings'));
    expect((list.body as { flags?: number }).flags ?? 64).toBe(64);
    expect(text(list)).toContain('Recordings in this channel');
    expect(text(list)).toContain('Demo');
    expect(text(list)).toContain(`v1|recording.link|${key}|${rec.id}`);
    expect(text(list)).toContain(`|recordings.delete|${key}|${rec.id}`);
    expect(text(await click(BOB, `v1|recording.link|${key}|${rec.id}`))).toContain('Download the recording');
  });

  it('lists the meetings a person attended as a paged ephemeral message', async () => {
    for (const n of [1, 2, 3, 4]) {
      await h.store.createMeeting({
        id: `dold${n}`,
        sessionId: `s-dold${n}`,
        platform: 'discord',
        teamId: 'g1',
        channelId: `c-old${n}`,
        title: `Retro ${n}`,
        hostId: 'u-host',
        hostName: 'Host',
        status: 'ended',
        options: { relayed: false, autoRecord: false, e2ee: false },
        muteAll: false,
        layout: null,
        createdAt: Date.now() + n,
        endedAt: Date.now() + n,
      });
      await h.store.commit([
        { kind: 'attend', meetingId: `dold${n}`, platform: 'discord', userId: 'u-bob', name: 'Bob', at: 1 },
      ]);
    }
    const first = await run(BOB, slash('recordings', { mine: true }));
    expect(text(first)).toContain('Retro 4');
    expect(text(first)).toContain('Page 1 of 2');
    expect(text(first)).toContain('v1|recordings|mine|2');
    const second = await click(BOB, 'v1|recordings|mine|2');
    expect(text(second)).toContain('Weekly');
    expect(text(second)).toContain('hosted by User u-host');
    expect(text(second)).toContain(`v1|recording.link|${key}|${rec.id}`);
    expect(text(await run(STRANGER, slash('recordings', { mine: true })))).toContain(
      'You have not hosted or attended a meeting here yet.',
    );
  });

  it('gives a link asked for from another channel to who can view the meeting’s channel, and refuses the rest', async () => {
    const ask = (who: Who) =>
      run(who, slash('recording link', { id: rec.id.slice(0, 8) }), 2, { channel_id: 'c2' });
    expect(text(await ask(VIEWER))).toContain('Download the recording');
    expect(text(await ask(BOB))).toContain('Download the recording');
    const refusal =
      "Only the meeting's host, moderators, people who attended it and members of its channel can get this recording.";
    expect(text(await ask(OUTSIDER))).toContain(refusal);
    expect(text(await ask(STRANGER))).toContain(refusal);
    expect(h.discord.matching(/^GET \/guilds\/g1\/members\/u-zed$/)).not.toHaveLength(0);
    expect(h.discord.matching(/^GET \/channels\/c1$/)).not.toHaveLength(0);
  });
});

describe('Discord channel visibility', () => {
  const roles = [
    { id: 'g', permissions: String(VIEW) },
    { id: 'admin', permissions: String(PermissionFlagsBits.Administrator) },
    { id: 'muted', permissions: '0' },
  ];
  const facts = (
    memberRoles: string[],
    overwrites: Array<{ id: string; type: number; allow: string; deny: string }>,
  ) => ({
    ownerId: 'owner',
    roles,
    memberRoles,
    channelGuildId: 'g',
    overwrites,
  });
  const denyAll = { id: 'g', type: 0, allow: '0', deny: String(VIEW) };

  it('follows Discord’s order: @everyone, then roles, then the member’s own overwrite', () => {
    expect(canViewChannel('g', 'u', facts([], []))).toBe(true);
    expect(canViewChannel('g', 'u', facts([], [denyAll]))).toBe(false);
    expect(
      canViewChannel(
        'g',
        'u',
        facts(['muted'], [denyAll, { id: 'muted', type: 0, allow: String(VIEW), deny: '0' }]),
      ),
    ).toBe(true);
    expect(
      canViewChannel(
        'g',
        'u',
        facts(
          ['muted'],
          [
            { id: 'muted', type: 0, allow: String(VIEW), deny: '0' },
            { id: 'u', type: 1, allow: '0', deny: String(VIEW) },
          ],
        ),
      ),
    ).toBe(false);
    expect(
      canViewChannel('g', 'u', facts([], [denyAll, { id: 'u', type: 1, allow: String(VIEW), deny: '0' }])),
    ).toBe(true);
  });

  it('lets the owner and Administrators see everything, and nobody see another guild’s channel', () => {
    expect(canViewChannel('g', 'owner', facts([], [denyAll]))).toBe(true);
    expect(canViewChannel('g', 'u', facts(['admin'], [denyAll]))).toBe(true);
    expect(canViewChannel('g', 'owner', { ...facts([], []), channelGuildId: 'other' })).toBe(false);
  });
});
