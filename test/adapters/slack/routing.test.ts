import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, type SlackHarness } from './harness.js';
import { payloadBody, postSigned, slashBody } from './signing.js';

// The adapter routes every Slack request through one Bolt middleware (adapters/slack/listeners.ts):
// what is not ours (another command, a foreign action, a foreign or closed form) runs nothing and gets
// the server's empty answer; ours must still run.
describe('Slack request routing', () => {
  let h: SlackHarness;
  let events: string;

  beforeAll(async () => {
    h = await startSlackHarness();
    events = `${h.url}/slack/events`;
  });
  afterAll(async () => h.close());

  it('runs nothing for another command, a foreign action_id, a foreign form or a closed form', async () => {
    const before = h.api.calls.length;
    const other = slashBody({
      command: '/meet',
      text: 'status',
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      user_name: 'u1',
      trigger_id: 'trig-other',
      response_url: `${h.api.url}/respond/other`,
    });
    const common = {
      team: { id: 'T1', domain: 't' },
      user: { id: 'U1', name: 'u1', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: 'trig-x',
    };
    const foreignAction = payloadBody({
      ...common,
      type: 'block_actions',
      response_url: `${h.api.url}/respond/foreign`,
      channel: { id: 'C1', name: 'general' },
      actions: [{ type: 'button', action_id: 'not ours at all', block_id: 'b', action_ts: '1' }],
    });
    const view = (type: string, callback_id: string) =>
      payloadBody({
        ...common,
        type,
        view: { id: 'V1', type: 'modal', callback_id, private_metadata: '{}', state: { values: {} } },
      });
    const answers = await Promise.all([
      postSigned(events, other),
      postSigned(events, foreignAction),
      postSigned(events, view('view_submission', 'someone-elses-modal')),
      postSigned(events, view('view_closed', 'video-modal')),
    ]);
    // Nothing acked: the server's empty 204 once Bolt is done (not a listener's 200 ack).
    expect(answers.map((a) => a.status)).toEqual([204, 204, 204, 204]);
    await h.settle();
    expect(h.api.calls.slice(before).filter((c) => c.method.startsWith('respond/'))).toEqual([]);
  });

  it('acks a link button of ours without running anything, and still runs /video', async () => {
    const res = await postSigned(
      events,
      payloadBody({
        type: 'block_actions',
        team: { id: 'T1', domain: 't' },
        user: { id: 'U1', name: 'u1', team_id: 'T1' },
        api_app_id: 'A1',
        token: 'legacy',
        trigger_id: 'trig-link',
        response_url: `${h.api.url}/respond/link`,
        channel: { id: 'C1', name: 'general' },
        actions: [
          {
            type: 'button',
            action_id: 'join:k',
            url: 'https://example.com/j',
            block_id: 'b',
            action_ts: '1',
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const { status, reply } = await h.slash('help');
    expect(status).toBe(200);
    expect(JSON.stringify(await h.replyTo(reply))).toContain('/video');
    await h.settle();
    expect(h.api.calls.some((c) => c.method === 'respond/link')).toBe(false);
  });
});
