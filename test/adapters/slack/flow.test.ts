import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startSlackHarness, type SlackHarness } from './harness.js';

// Start, join, record and role checks through the real signed endpoint, the core and the emulator.
describe('Slack adapter: meeting lifecycle through /slack/events', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => h?.close());

  it('/video start acks at once, posts the card with chat.postMessage and stores it', async () => {
    const res = await h.slash('start Weekly sync');
    expect(res.status).toBe(200);
    const reply = await h.replyTo(res.reply);
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain('Weekly sync');
    const [post] = await h.api.waitFor('chat.postMessage');
    expect(post!.body.channel).toBe('C1');
    expect(post!.auth).toBe('Bearer xoxb-test-token');
    expect(JSON.stringify(post!.body.blocks)).toContain('record.start:');
    const m = await h.meeting();
    const cards = await h.store.listCards(m.id);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ platform: 'slack', teamId: 'T1', channelId: 'C1' });
  });

  it('registers the meeting as a Slack call with a call block', async () => {
    await h.settle();
    const [add] = await h.api.waitFor('calls.add');
    const m = await h.meeting();
    expect(add!.body).toMatchObject({ external_unique_id: m.id, title: 'Weekly sync', created_by: 'U1' });
    const callBlock = h.api
      .callsTo('chat.postMessage')
      .find((c) => JSON.stringify(c.body.blocks).includes('"call"'));
    expect(callBlock).toBeDefined();
  });

  it('Join answers the clicker with a personal link, ephemerally', async () => {
    const m = await h.meeting();
    const res = await h.click(`join:${m.id}`, { user: 'U7' });
    const reply = await h.replyTo(res.reply);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(JSON.stringify(reply.blocks)).toMatch(/\/join\//);
  });

  it('refuses Record to someone who is neither host, admin nor configured moderator', async () => {
    const m = await h.meeting();
    const res = await h.click(`record.start:${m.id}`, { user: 'U2' });
    const reply = await h.replyTo(res.reply);
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toMatch(/Only the meeting's host or a moderator/);
    expect(await h.store.listRecordings(m.id)).toHaveLength(0);
    expect(h.api.callsTo('users.info').some((c) => c.body.user === 'U2')).toBe(true);
  });

  it('lets a workspace admin record, and a double click starts one recording', async () => {
    const m = await h.meeting();
    await h.join(m, 'Ada', 'U1');
    await h.settle();
    const [a, b] = await Promise.all([
      h.click(`record.start:${m.id}`, { user: ADMIN, messageTs: '9.9' }),
      h.click(`record.start:${m.id}`, { user: ADMIN, messageTs: '9.9' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.settle();
    const recs = await h.store.listRecordings(m.id);
    expect(recs).toHaveLength(1);
    expect(h.emulator.snapshot(m.sessionId)).toBeDefined();
    const updates = h.api.callsTo('chat.update');
    expect(JSON.stringify(updates.at(-1)!.body.blocks)).toContain('record.stop:');
  });

  it('a retried delivery of the same slash command has one effect', async () => {
    const before = h.api.calls.filter((c) => c.method.startsWith('respond/')).length;
    const first = await h.slash('participants', 'U1', { triggerId: 'same-trigger' });
    await h.replyTo(first.reply);
    const again = await h.slash('participants', 'U1', {
      triggerId: 'same-trigger',
      headers: { 'x-slack-retry-num': '1' },
    });
    expect(again.status).toBe(200);
    await h.settle();
    const after = h.api.calls.filter((c) => c.method.startsWith('respond/')).length;
    expect(after - before).toBe(1);
  });
});
