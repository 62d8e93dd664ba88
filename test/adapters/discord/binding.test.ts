import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMeetingKey } from '../../../commands/start.js';
import type { MeetingRecord } from '../../../src/store/types.js';
import { PERMS, startDiscordHarness, type DiscordHarness, type Who } from './harness.js';

// Issue 12 on Discord: a component carries only the meeting's key, so a signed click from another
// guild or channel carrying g1/c1's key is refused (one sentence, an audit entry), and no form or
// confirmation opens for it.

const ELSEWHERE =
  "That control belongs to a meeting in another channel; use the card in this channel's meeting.";
const ADMIN: Who = { id: 'u-admin', perms: String(1n << 3n) }; // Administrator, in whichever guild it clicks from
const HOST: Who = { id: 'u-host' };

describe('Discord: controls work only where their meeting is', () => {
  let h: DiscordHarness;
  let m: MeetingRecord;
  const text = (r: { body: unknown }) => JSON.stringify(r.body);
  beforeAll(async () => {
    h = await startDiscordHarness();
    const start = h.interaction(2, HOST, {
      name: 'video',
      type: 1,
      options: [{ type: 1, name: 'start', options: [{ name: 'title', type: 3, value: 'Bound' }] }],
    });
    await h.send(start);
    await h.result(start.token);
    await h.settle();
    m = await h.meeting();
    await h.join(m, 'Ada', 'u-ada');
    await h.settle();
  });
  afterAll(async () => h?.close());

  it('an admin of guild g2 cannot record a g1 meeting with its key; the try is audited', async () => {
    const i = h.interaction(
      3,
      ADMIN,
      { custom_id: `v1|record.start|${m.id}|`, component_type: 2 },
      {
        guild_id: 'g2',
        channel_id: 'c9',
        message: { id: 'elsewhere' },
      },
    );
    expect((await h.send(i)).body).toEqual({ type: 6 });
    expect(text(await h.result(i.token))).toContain(ELSEWHERE);
    await h.settle();
    expect(await h.store.listRecordings(m.id)).toHaveLength(0);
    const [entry] = (await h.store.listAudit(m.id)).filter((a) => a.actorId === ADMIN.id);
    expect(entry).toMatchObject({
      action: 'record start',
      outcome: 'denied',
      detail: 'control issued from another workspace or server',
    });
  });

  it('no form or confirmation opens from another channel, and the refusal is the first response', async () => {
    const form = h.interaction(
      3,
      ADMIN,
      { custom_id: `v1m|dial|${m.id}|`, component_type: 2 },
      { channel_id: 'c2' },
    );
    expect(text(await h.send(form))).toContain(ELSEWHERE);
    const confirm = h.interaction(
      3,
      ADMIN,
      { custom_id: `v1c|end|${m.id}|`, component_type: 2 },
      { channel_id: 'c2' },
    );
    const prompt = await h.send(confirm);
    expect(text(prompt)).toContain(ELSEWHERE);
    expect(text(prompt)).not.toContain('v1y|end');
    const ok = h.interaction(3, ADMIN, { custom_id: `v1m|dial|${m.id}|`, component_type: 2 });
    expect((await h.send(ok)).body).toMatchObject({ type: 9 });
    expect((await h.meeting()).status).toBe('active');
  });

  it('a form submitted from guild g2 or from channel c2 is refused and audited, and dials no one', async () => {
    const dial = {
      custom_id: `v1|dial|${m.id}|`,
      components: [
        { type: 18, component: { type: 4, custom_id: 'uri', value: 'sip:+15551234567@sip.example.com' } },
      ],
    };
    const fromG2 = h.interaction(5, ADMIN, dial, { guild_id: 'g2', channel_id: 'c9' });
    await h.send(fromG2);
    expect(text(await h.result(fromG2.token))).toContain(ELSEWHERE);
    const fromC2 = h.interaction(5, ADMIN, dial, { channel_id: 'c2' });
    await h.send(fromC2);
    expect(text(await h.result(fromC2.token))).toContain(ELSEWHERE);
    await h.settle();
    expect(await h.store.listSipLegs(m.id)).toHaveLength(0);
    expect(h.emulator.snapshot(m.sessionId).sipCalls).toHaveLength(0);
    // The first 'dial' entry is the form refused before it opened (the test above).
    const denied = (await h.store.listAudit(m.id)).filter((a) => a.action === 'dial').slice(1);
    expect(denied.map((a) => [a.outcome, a.detail])).toEqual([
      ['denied', 'control issued from another workspace or server'],
      ['denied', 'control issued from another channel'],
    ]);
  });

  it('a select used from channel c2 or guild g2 mutes and removes no one, and each try is audited', async () => {
    const ada = (await h.store.listConnections(m.id)).find((c) => c.name === 'Ada')!;
    const i = h.interaction(
      3,
      ADMIN,
      { custom_id: `v1|mute|${m.id}|`, component_type: 3, values: [ada.connectionId] },
      { channel_id: 'c2', message: { id: 'elsewhere' } },
    );
    await h.send(i);
    expect(text(await h.result(i.token))).toContain(ELSEWHERE);
    // The kick select asks for confirmation first: from another guild not even that opens.
    const kick = h.interaction(
      3,
      ADMIN,
      { custom_id: `v1c|kick|${m.id}|`, component_type: 3, values: [ada.connectionId] },
      { guild_id: 'g2', channel_id: 'c9', message: { id: 'elsewhere' } },
    );
    const prompt = await h.send(kick);
    expect(text(prompt)).toContain(ELSEWHERE);
    expect(text(prompt)).not.toContain('v1y|kick');
    expect(h.emulator.snapshot(m.sessionId).connections.map((c) => c.id)).toContain(ada.connectionId);
    const kicks = (await h.store.listAudit(m.id)).filter((a) => a.action === 'kick');
    expect(kicks.map((a) => [a.outcome, a.detail])).toEqual([
      ['denied', 'control issued from another workspace or server'],
    ]);
    await h.settle();
    const streams = h.emulator.snapshot(m.sessionId).streams;
    expect(streams.filter((st) => st.connectionId === ada.connectionId).map((st) => st.audioMuted)).toEqual([
      false,
    ]);
    const denied = (await h.store.listAudit(m.id)).filter((a) => a.action === 'mute');
    expect(denied.map((a) => [a.outcome, a.detail])).toEqual([
      ['denied', 'control issued from another channel'],
    ]);
  });

  it("someone in channel c2 gets neither a join link nor the participant list of c1's meeting", async () => {
    const guest: Who = { id: 'u-guest' };
    const join = h.interaction(
      3,
      guest,
      { custom_id: `v1|join|${m.id}|`, component_type: 2 },
      { channel_id: 'c2' },
    );
    await h.send(join);
    const joinReply = text(await h.result(join.token));
    expect(joinReply).toContain(ELSEWHERE);
    expect(joinReply).not.toMatch(/\/join\//);
    const people = h.interaction(
      3,
      guest,
      { custom_id: `v1|participants|${m.id}|`, component_type: 2 },
      { channel_id: 'c2' },
    );
    await h.send(people);
    const peopleReply = text(await h.result(people.token));
    expect(peopleReply).toContain(ELSEWHERE);
    expect(peopleReply).not.toContain('Ada');
    // In its own channel the same click works.
    const here = h.interaction(3, guest, { custom_id: `v1|join|${m.id}|`, component_type: 2 });
    await h.send(here);
    expect(text(await h.result(here.token))).toMatch(/\/join\//);
  });

  it('a Discord moderator cannot mute a Slack meeting by its key', async () => {
    const session = await h.video.createSession();
    const slack = await h.store.createMeeting({
      id: newMeetingKey(),
      sessionId: session.sessionId,
      platform: 'slack',
      teamId: 'g1',
      channelId: 'c1',
      title: 'On Slack',
      hostId: 'U1',
      hostName: 'Sam',
      status: 'active',
      options: { relayed: false, autoRecord: false, e2ee: false },
      muteAll: false,
      layout: null,
      createdAt: Date.now(),
      endedAt: null,
    });
    const mod: Who = { id: 'u-mod', perms: PERMS.mute };
    const i = h.interaction(3, mod, { custom_id: `v1|mute.all|${slack.id}|`, component_type: 2 });
    await h.send(i);
    expect(text(await h.result(i.token))).toContain(ELSEWHERE);
    expect((await h.store.getMeeting(slack.id))?.muteAll).toBe(false);
    expect(h.emulator.snapshot(session.sessionId).muteAll.active).toBe(false);
    // Its participant select, too.
    const select = h.interaction(3, mod, {
      custom_id: `v1|mute|${slack.id}|`,
      component_type: 3,
      values: ['some-connection'],
    });
    await h.send(select);
    expect(text(await h.result(select.token))).toContain(ELSEWHERE);
    const entries = await h.store.listAudit(slack.id);
    expect(entries.map((a) => [a.platform, a.action, a.outcome, a.detail])).toEqual([
      ['discord', 'mute', 'denied', 'control issued on discord, meeting on slack'],
      ['discord', 'mute', 'denied', 'control issued on discord, meeting on slack'],
    ]);
  });
});
