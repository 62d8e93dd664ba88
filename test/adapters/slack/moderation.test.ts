import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingRecord } from '../../../src/store/types.js';
import { CONFIGURED_MOD, startSlackHarness, type SlackHarness } from './harness.js';

// Card controls and modals end to end: the host (U1) runs the meeting, a configured moderator helps.
describe('Slack adapter: moderation from the card', () => {
  let h: SlackHarness;
  let m: MeetingRecord;
  let bob: string;
  let cy: string;

  /** Clicks a modal-opening button and returns the view Slack was asked to open. */
  async function openModal(
    action: string,
    user = 'U1',
    choice?: string,
  ): Promise<{ private_metadata: string; blocks: Array<{ block_id: string }> }> {
    const before = h.api.callsTo('views.open').length;
    await h.click(`modal:${action}:${m.id}`, {
      user,
      ...(choice !== undefined ? { select: true, value: choice } : {}),
    });
    const calls = await h.api.waitFor('views.open', before + 1);
    return calls.at(-1)!.body.view as { private_metadata: string; blocks: Array<{ block_id: string }> };
  }
  const text = (id: string, value: string | null) => ({
    [id]: { [id]: { type: 'plain_text_input', value } },
  });
  const check = (id: string, on: boolean) => ({
    [id]: { [id]: { type: 'checkboxes', selected_options: on ? [{ value: 'true' }] : [] } },
  });

  beforeAll(async () => {
    h = await startSlackHarness();
    await h.slash('start Standup');
    await h.settle();
    m = await h.meeting();
    await h.join(m, 'Ada', 'U1');
    bob = await h.join(m, 'Bob', 'U2');
    cy = await h.join(m, 'Cy', 'U3');
    await h.settle();
  });
  afterAll(async () => h?.close());

  it('Go live opens a modal; a URL without a key is refused inline and nothing starts', async () => {
    const view = await openModal('live.start');
    expect(view.blocks.map((b) => b.block_id)).toEqual(['rtmp_url', 'rtmp_key', 'hls', 'max_duration']);
    const res = await h.submit(view, {
      ...text('rtmp_url', 'rtmp://live.example.com/app'),
      ...text('rtmp_key', null),
      ...check('hls', false),
    });
    expect(res.status).toBe(200);
    const ack = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors)).toEqual(['rtmp_url']);
    await h.settle();
    expect(await h.store.listBroadcasts(m.id)).toHaveLength(0);
  });

  it('Go live with RTMP URL, secret key and HLS starts a broadcast; the key never reaches Slack', async () => {
    const view = await openModal('live.start');
    const res = await h.submit(view, {
      ...text('rtmp_url', 'rtmp://live.example.com/app'),
      ...text('rtmp_key', 'sk-SECRET-4242'),
      ...check('hls', true),
      ...text('max_duration', '600'),
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.settle();
    const [b] = await h.store.listBroadcasts(m.id);
    expect(b?.status).toBe('started');
    expect(JSON.stringify(h.api.calls)).not.toContain('sk-SECRET-4242');
    expect(JSON.stringify(h.api.callsTo('chat.update').at(-1)!.body.blocks)).toContain('live.stop:');
  });

  it('does not open the Dial form for someone who may not dial', async () => {
    const opened = h.api.callsTo('views.open').length;
    const res = await h.click(`modal:dial:${m.id}`, { user: 'U2' });
    expect(JSON.stringify(await h.replyTo(res.reply))).toMatch(/Only the meeting's host or a moderator/);
    expect(h.api.callsTo('views.open').length).toBe(opened);
  });

  it('/video layout pip changes the layout', async () => {
    const res = await h.slash('layout pip');
    const reply = await h.replyTo(res.reply);
    expect(JSON.stringify(reply)).not.toMatch(/error|:x:/i);
    await h.settle();
    expect((await h.meeting()).layout?.type).toBe('pip');
  });

  it('the participant menu mutes one person', async () => {
    await h.click(`mute:${m.id}`, { select: true, value: bob });
    await h.settle();
    const streams = h.emulator.snapshot(m.sessionId).streams;
    expect(streams.find((s) => s.connectionId === bob)?.audioMuted).toBe(true);
    expect(streams.find((s) => s.connectionId === cy)?.audioMuted).toBe(false);
  });

  it('Mute all mutes every stream', async () => {
    await h.click(`mute.all:${m.id}`, { user: CONFIGURED_MOD });
    await h.settle();
    expect(h.emulator.snapshot(m.sessionId).muteAll.active).toBe(true);
    expect((await h.meeting()).muteAll).toBe(true);
    await h.click(`mute.off:${m.id}`, { user: 'U1' });
    await h.settle();
    expect((await h.meeting()).muteAll).toBe(false);
  });

  it('the participant menu asks "Remove participant …?" by modal, then removes the person', async () => {
    const refused = h.api.callsTo('views.open').length;
    const denied = await h.click(`modal:kick:${m.id}`, { select: true, value: cy, user: 'U2' });
    expect(JSON.stringify(await h.replyTo(denied.reply))).toMatch(/Only the meeting's host or a moderator/);
    expect(h.api.callsTo('views.open')).toHaveLength(refused);
    const view = await openModal('kick', 'U1', cy);
    expect(JSON.stringify(view.blocks)).toContain('Remove participant \\"x\\"?');
    const res = await h.submit(view, {});
    expect(res.text).toBe('');
    await h.settle();
    expect(h.emulator.snapshot(m.sessionId).connections.map((c) => c.id)).not.toContain(cy);
  });

  it('Dial validates the number inline, then dials out', async () => {
    let view = await openModal('dial');
    const bad = await h.submit(view, {
      ...text('uri', 'not a number'),
      ...text('from', null),
      ...check('video', false),
    });
    const ack = JSON.parse(bad.text) as { errors: Record<string, string> };
    expect(Object.keys(ack.errors)).toEqual(['uri']);
    view = await openModal('dial');
    const values = {
      ...text('uri', 'sip:+15551234567@sip.example.com'),
      ...text('from', null),
      ...check('video', false),
    };
    const ok = await h.submit({ ...view, id: 'V-dial-1' }, values);
    expect(ok.text).toBe('');
    // Slack redelivering the same submission dials once.
    await h.submit({ ...view, id: 'V-dial-1' }, values);
    await h.settle();
    expect(await h.store.listSipLegs(m.id)).toHaveLength(1);
    expect(h.emulator.snapshot(m.sessionId).sipCalls).toHaveLength(1);
  });

  it('DTMF validates digits inline, then plays them to the phone leg', async () => {
    const view = await openModal('dtmf');
    const bad = await h.submit(view, { ...text('digits', '12x') });
    expect(Object.keys((JSON.parse(bad.text) as { errors: Record<string, string> }).errors)).toEqual([
      'digits',
    ]);
    const leg = (await h.store.listSipLegs(m.id))[0]!;
    const good = await h.submit(view, {
      ...text('digits', '12#'),
      who: { who: { type: 'static_select', selected_option: { value: leg.connectionId } } },
    });
    expect(good.text).toBe('');
    await h.settle();
    expect(h.emulator.dtmf(m.sessionId).map((d) => d.digits)).toContain('12#');
  });

  it('refuses End to a participant before asking, and lets the host end the meeting; the Slack call ends', async () => {
    const opened = h.api.callsTo('views.open').length;
    const refused = await h.click(`modal:end:${m.id}`, { user: 'U2' });
    expect(JSON.stringify(await h.replyTo(refused.reply))).toMatch(/Only the meeting's host or a moderator/);
    expect(h.api.callsTo('views.open')).toHaveLength(opened);
    expect((await h.store.getMeeting(m.id))?.status).toBe('active');
    const confirm = await openModal('end');
    expect(JSON.stringify(confirm)).toContain('End the meeting?');
    await h.submit(confirm, {});
    await h.settle();
    expect((await h.store.getMeeting(m.id))?.status).toBe('ended');
    const [end] = await h.api.waitFor('calls.end');
    expect(typeof end!.body.id).toBe('string');
    const added = h.api
      .callsTo('calls.participants.add')
      .flatMap((c) => c.body.users as Array<Record<string, string>>);
    expect(added).toEqual(expect.arrayContaining([{ slack_id: 'U1' }, { slack_id: 'U2' }]));
    expect(h.api.callsTo('calls.participants.remove').length).toBeGreaterThan(0);
  });
});
