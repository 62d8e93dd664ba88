import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMeetingKey } from '../../../commands/start.js';
import type { MeetingRecord } from '../../../src/store/types.js';
import { ADMIN, startSlackHarness, type SlackHarness } from './harness.js';

// Issue 12: a card control is bound to its meeting's platform, workspace and channel. Signed Slack
// requests carrying the key of a meeting elsewhere are refused with one sentence and an audit entry.

const ELSEWHERE =
  "That control belongs to a meeting in another channel; use the card in this channel's meeting.";

/** An active meeting of a Discord channel. */
async function discordMeeting(h: SlackHarness, channelId: string): Promise<MeetingRecord> {
  return otherMeeting(h, 'discord', 'g1', channelId, 'On Discord');
}

/** An active meeting of another place, in the same store and Video project. */
async function otherMeeting(
  h: SlackHarness,
  platform: 'slack' | 'discord',
  teamId: string,
  channelId: string,
  title: string,
): Promise<MeetingRecord> {
  const session = await h.video.createSession();
  return h.store.createMeeting({
    id: newMeetingKey(),
    sessionId: session.sessionId,
    platform,
    teamId,
    channelId,
    title,
    hostId: 'd-host',
    hostName: 'Dee',
    status: 'active',
    options: { relayed: false, autoRecord: false, e2ee: false },
    muteAll: false,
    layout: null,
    createdAt: Date.now(),
    endedAt: null,
  });
}

describe('Slack: controls work only where their meeting is', () => {
  let h: SlackHarness;
  let m: MeetingRecord;
  const replyText = async (reply: string) => JSON.stringify(await h.replyTo(reply));
  beforeAll(async () => {
    h = await startSlackHarness();
    await h.replyTo((await h.slash('start Bound')).reply);
    await h.settle();
    m = await h.meeting();
    await h.join(m, 'Ada', 'U1');
    await h.settle();
  });
  afterAll(async () => h?.close());

  it('a workspace-T2 admin can neither record nor end a T1 meeting with its key, and each try is audited', async () => {
    const rec = await h.click(`record.start:${m.id}`, { user: ADMIN, team: 'T2' });
    expect(await replyText(rec.reply)).toContain(ELSEWHERE);
    const end = await h.click(`end:${m.id}`, { user: ADMIN, team: 'T2' });
    expect(await replyText(end.reply)).toContain(ELSEWHERE);
    await h.settle();
    expect(await h.store.listRecordings(m.id)).toHaveLength(0);
    expect((await h.store.getMeeting(m.id))?.status).toBe('active');
    const denied = (await h.store.listAudit(m.id)).filter((a) => a.actorId === ADMIN);
    expect(denied.map((a) => [a.action, a.outcome, a.detail])).toEqual([
      ['record start', 'denied', 'control issued from another workspace or server'],
      ['end', 'denied', 'control issued from another workspace or server'],
    ]);
  });

  it("someone in channel C2 gets neither a join link nor the participant list of C1's meeting", async () => {
    const join = await h.click(`join:${m.id}`, { user: 'U9', channel: 'C2' });
    const joinReply = await replyText(join.reply);
    expect(joinReply).toContain(ELSEWHERE);
    expect(joinReply).not.toMatch(/\/join\//);
    const people = await h.click(`participants:${m.id}`, { user: 'U9', channel: 'C2' });
    const peopleReply = await replyText(people.reply);
    expect(peopleReply).toContain(ELSEWHERE);
    expect(peopleReply).not.toContain('Ada');
    // In its own channel the same click works.
    const here = await h.click(`join:${m.id}`, { user: 'U9' });
    expect(await replyText(here.reply)).toMatch(/\/join\//);
  });

  it("the Go-live form opens only in the meeting's channel, and a submission naming another place is refused", async () => {
    const opened = h.api.callsTo('views.open').length;
    const open = await h.click(`modal:live.start:${m.id}`, { user: ADMIN, channel: 'C2' });
    expect(await replyText(open.reply)).toContain(ELSEWHERE);
    expect(h.api.callsTo('views.open')).toHaveLength(opened);
    const posted = h.api.callsTo('chat.postEphemeral').length;
    const metadata = JSON.stringify({ a: 'live.start', k: m.id, c: 'C1' });
    const ack = await h.submit(
      { private_metadata: metadata },
      { hls: { hls: { type: 'checkboxes', selected_options: [{ value: 'true' }] } } },
      ADMIN,
      'T2',
    );
    expect(ack.status).toBe(200);
    const [refusal] = (await h.api.waitFor('chat.postEphemeral', posted + 1)).slice(-1);
    expect(JSON.stringify(refusal!.body)).toContain(ELSEWHERE);
    await h.settle();
    expect(await h.store.listBroadcasts(m.id)).toHaveLength(0);
  });

  it('a select used from another channel or workspace is refused and audited, and mutes or removes no one', async () => {
    const ada = (await h.store.listConnections(m.id)).find((c) => c.name === 'Ada')!;
    const mute = await h.click(`mute:${m.id}`, {
      user: ADMIN,
      channel: 'C2',
      select: true,
      value: ada.connectionId,
    });
    expect(await replyText(mute.reply)).toContain(ELSEWHERE);
    const kick = await h.click(`kick:${m.id}`, {
      user: ADMIN,
      team: 'T2',
      select: true,
      value: ada.connectionId,
    });
    expect(await replyText(kick.reply)).toContain(ELSEWHERE);
    await h.settle();
    const snap = h.emulator.snapshot(m.sessionId);
    expect(snap.connections.map((c) => c.id)).toContain(ada.connectionId);
    expect(
      snap.streams.filter((st) => st.connectionId === ada.connectionId).map((st) => st.audioMuted),
    ).toEqual([false]);
    const denied = (await h.store.listAudit(m.id)).filter((a) => a.action === 'mute' || a.action === 'kick');
    expect(denied.map((a) => [a.action, a.outcome, a.detail])).toEqual([
      ['mute', 'denied', 'control issued from another channel'],
      ['kick', 'denied', 'control issued from another workspace or server'],
    ]);
  });

  it('a form submitted for another channel, or for a meeting on another platform, is refused and audited', async () => {
    const discord = await discordMeeting(h, 'c-form');
    const posted = h.api.callsTo('chat.postEphemeral').length;
    const dial = { uri: { uri: { type: 'plain_text_input', value: 'sip:+15551234567@sip.example.com' } } };
    // A form opened in C2 (the submission names the channel its form was opened in).
    const elsewhere = JSON.stringify({ a: 'dial', k: m.id, c: 'C2' });
    expect((await h.submit({ private_metadata: elsewhere }, dial, ADMIN)).status).toBe(200);
    const onDiscord = JSON.stringify({ a: 'dial', k: discord.id, c: 'C1' });
    expect((await h.submit({ private_metadata: onDiscord }, dial, ADMIN)).status).toBe(200);
    const refusals = (await h.api.waitFor('chat.postEphemeral', posted + 2)).slice(-2);
    for (const r of refusals) expect(JSON.stringify(r.body)).toContain(ELSEWHERE);
    await h.settle();
    expect(await h.store.listSipLegs(m.id)).toHaveLength(0);
    expect(await h.store.listSipLegs(discord.id)).toHaveLength(0);
    const here = (await h.store.listAudit(m.id)).filter((a) => a.action === 'dial');
    expect(here.map((a) => [a.outcome, a.detail])).toEqual([
      ['denied', 'control issued from another channel'],
    ]);
    const there = await h.store.listAudit(discord.id);
    expect(there.map((a) => [a.platform, a.action, a.outcome, a.detail])).toEqual([
      ['slack', 'dial', 'denied', 'control issued on slack, meeting on discord'],
    ]);
  });

  it('a Slack admin cannot mute a Discord meeting by its key', async () => {
    const discord = await discordMeeting(h, 'C1');
    const mute = await h.click(`mute.all:${discord.id}`, { user: ADMIN });
    expect(await replyText(mute.reply)).toContain(ELSEWHERE);
    expect((await h.store.getMeeting(discord.id))?.muteAll).toBe(false);
    expect(h.emulator.snapshot(discord.sessionId).muteAll.active).toBe(false);
    // Its participant select, too.
    const one = await h.click(`mute:${discord.id}`, { user: ADMIN, select: true, value: 'some-connection' });
    expect(await replyText(one.reply)).toContain(ELSEWHERE);
    const entries = await h.store.listAudit(discord.id);
    expect(entries.map((a) => [a.platform, a.action, a.outcome, a.detail])).toEqual([
      ['slack', 'mute', 'denied', 'control issued on slack, meeting on discord'],
      ['slack', 'mute', 'denied', 'control issued on slack, meeting on discord'],
    ]);
  });

  it("a control of another channel's ended meeting is refused without naming that meeting", async () => {
    const ended = await otherMeeting(h, 'slack', 'T1', 'C3', 'Secret board review');
    await h.store.updateMeeting(ended.id, { status: 'ended', endedAt: Date.now() });
    const rec = await h.click(`record.start:${ended.id}`, { user: ADMIN, channel: 'C2' });
    const reply = await replyText(rec.reply);
    expect(reply).toContain(ELSEWHERE);
    expect(reply).not.toContain('Secret board review');
    expect((await h.store.listAudit(ended.id)).map((a) => [a.action, a.outcome, a.detail])).toEqual([
      ['record start', 'denied', 'control issued from another channel'],
    ]);
    // From its own channel, the same click says it has ended.
    const own = await h.click(`record.start:${ended.id}`, { user: ADMIN, channel: 'C3' });
    expect(await replyText(own.reply)).toContain('Secret board review');
  });
});
