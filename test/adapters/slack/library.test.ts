import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingRecord } from '../../../src/store/types.js';
import { eventually } from '../../support/eventually.js';
import { startSlackHarness, type SlackHarness } from './harness.js';
import { payloadBody, postSigned } from './signing.js';

// The recordings library on Slack, against the fake Web API and the emulator: after the meeting
// ended the channel still lists its recordings; the App Home "Meetings" tab shows the meeting to
// someone who attended and not to a stranger; links from the Home tab go to the attendee and to
// channel members (conversations.members), and a stranger is refused in one sentence.
describe('Slack adapter: the recordings library after the meeting', () => {
  let h: SlackHarness;
  let meetingId: string;
  let rec: RecordingRecord;
  const text = (body: unknown) => JSON.stringify(body);

  /** Sends app_home_opened for `user`; resolves with the view it published. */
  async function openHome(user: string): Promise<Record<string, unknown>> {
    const before = h.api.callsTo('views.publish').length;
    const event = {
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: `Ev-${user}-${before}`,
      event_time: 1,
      event: { type: 'app_home_opened', user, channel: `D-${user}`, tab: 'home' },
    };
    const res = await postSigned(`${h.url}/slack/events`, JSON.stringify(event), {
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    const calls = await h.api.waitFor('views.publish', before + 1);
    const call = calls.filter((c) => c.method === 'views.publish').at(-1)!;
    expect(call.body.user_id).toBe(user);
    return call.body.view as Record<string, unknown>;
  }

  /** Clicks a button in the person's App Home tab (no channel, no response_url, like Slack). */
  async function clickHome(user: string, actionId: string, value: string): Promise<void> {
    const payload = {
      type: 'block_actions',
      team: { id: 'T1', domain: 't' },
      user: { id: user, name: user.toLowerCase(), team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: `trig-home-${Math.random()}`,
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home', blocks: [], state: { values: {} }, hash: 'h' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1.1' }],
    };
    const res = await postSigned(`${h.url}/slack/events`, payloadBody(payload));
    expect(res.status).toBe(200);
  }

  /** The DM the bot sent `user` after `from` calls (a Home click's private answer). */
  async function dmTo(user: string, from: number): Promise<string> {
    const call = await eventually(
      async () =>
        h.api.calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.body.channel === user),
      `a DM to ${user}`,
    );
    return text(call.body.blocks);
  }

  beforeAll(async () => {
    h = await startSlackHarness();
    // C1's members: the host U1 and U7, who never joined the meeting.
    h.api.on('conversations.members', (b) => ({
      json: {
        ok: true,
        members: b.channel === 'C1' ? ['U1', 'U7'] : [],
        response_metadata: { next_cursor: '' },
      },
    }));
    await h.slash('start Weekly', 'U1');
    await h.api.waitFor('chat.postMessage');
    const m = await h.meeting();
    meetingId = m.id;
    await h.join(m, 'Bob', 'U2');
    await eventually(async () => h.store.hasAttended(m.id, 'U2'), 'Bob attending');
    await h.slash('record start Demo', 'U1');
    await eventually(async () => (await h.store.listRecordings(m.id)).length > 0, 'the recording');
    await h.slash('record stop', 'U1');
    [rec] = (await eventually(async () => {
      const r = await h.store.listRecordings(m.id);
      return r[0]?.status === 'available' ? r : null;
    }, 'the recording available')) as [RecordingRecord];
    const end = await h.slash('end', 'U1');
    await h.replyTo(end.reply);
    await eventually(async () => (await h.store.getMeeting(m.id))?.status === 'ended', 'the end');
    await h.settle();
  }, 60_000);
  afterAll(async () => h?.close());

  it('lists the channel’s recordings after the meeting, with Get link, Transcript and Delete for the host', async () => {
    const res = await h.slash('recordings', 'U1');
    const reply = text((await h.replyTo(res.reply)).blocks);
    expect(reply).toContain('Recordings in this channel');
    expect(reply).toContain(`*Demo* — Weekly`);
    expect(reply).toContain(rec.id);
    expect(reply).toContain(`recording.link:${meetingId}`);
    expect(reply).toContain(`recordings.delete:${meetingId}`);
    const link = await h.click(`recording.link:${meetingId}`, { user: 'U2', value: rec.id });
    expect(text((await h.replyTo(link.reply)).blocks)).toContain('Download the recording');
  });

  it('shows the meeting in the App Home of an attendee, and not of a stranger', async () => {
    const bob = text(await openHome('U2'));
    expect(bob).toContain('"type":"home"');
    expect(bob).toContain('*Weekly*');
    expect(bob).toContain('hosted by');
    expect(bob).toContain(`*Demo*`);
    expect(bob).toContain(`recording.link:${meetingId}`);
    expect(bob).not.toContain('recordings.delete');
    const host = text(await openHome('U1'));
    expect(host).toContain('you hosted');
    expect(host).toContain(`recordings.delete:${meetingId}`);
    const stranger = text(await openHome('U9'));
    expect(stranger).toContain('You have not hosted or attended a meeting here yet.');
    expect(stranger).not.toContain('Weekly');
  });

  it('answers a Home tab Get link privately in the DM: the attendee and a channel member get it, a stranger is refused', async () => {
    let from = h.api.calls.length;
    await clickHome('U2', `recording.link:${meetingId}`, rec.id);
    expect(await dmTo('U2', from)).toContain('Download the recording');
    from = h.api.calls.length;
    await clickHome('U7', `recording.link:${meetingId}`, rec.id);
    expect(await dmTo('U7', from)).toContain('Download the recording');
    expect(h.api.callsTo('conversations.members').some((c) => c.body.channel === 'C1')).toBe(true);
    from = h.api.calls.length;
    await clickHome('U9', `recording.link:${meetingId}`, rec.id);
    const refusal = await dmTo('U9', from);
    expect(refusal).toContain(
      "Only the meeting's host, moderators, people who attended it and members of its channel can get this recording.",
    );
    expect(refusal).not.toContain('http');
  });

  it('refuses a link to a stranger asking from another channel, by ID or prefix', async () => {
    const res = await h.slash(`recording link ${rec.id.slice(0, 8)}`, 'U9', { channel: 'C2' });
    const reply = text((await h.replyTo(res.reply)).blocks);
    expect(reply).toContain("Only the meeting's host, moderators, people who attended it");
    expect(reply).not.toContain('http');
    const member = await h.slash(`recording link ${rec.id}`, 'U7', { channel: 'C2' });
    expect(text((await h.replyTo(member.reply)).blocks)).toContain('Download the recording');
    const listed = await h.slash('recordings', 'U9', { channel: 'C2' });
    expect(text((await h.replyTo(listed.reply)).blocks)).toContain('No recordings yet');
  });

  it('pages the Home tab in place with its Next and Previous buttons', async () => {
    // Four more meetings Bob attended, so his Home tab has two pages.
    for (const n of [1, 2, 3, 4]) {
      await h.store.createMeeting({
        id: `old${n}`,
        sessionId: `s-old${n}`,
        platform: 'slack',
        teamId: 'T1',
        channelId: `C-old${n}`,
        title: `Retro ${n}`,
        hostId: 'U1',
        hostName: 'u1',
        status: 'ended',
        options: { relayed: false, autoRecord: false, e2ee: false },
        muteAll: false,
        layout: null,
        createdAt: Date.now() + n,
        endedAt: Date.now() + n,
      });
      await h.store.commit([
        {
          kind: 'attend',
          meetingId: `old${n}`,
          platform: 'slack',
          userId: 'U2',
          name: 'Bob',
          at: Date.now(),
        },
      ]);
    }
    const first = text(await openHome('U2'));
    expect(first).toContain('Retro 4');
    expect(first).not.toContain('*Weekly*');
    expect(first).toContain('recordings:mine');
    const before = h.api.callsTo('views.publish').length;
    await clickHome('U2', 'recordings:mine', '2');
    await h.api.waitFor('views.publish', before + 1);
    const second = text(h.api.callsTo('views.publish').at(-1)!.body.view);
    expect(second).toContain('*Weekly*');
    expect(second).toContain('Page 2 of 2');
  });
});
