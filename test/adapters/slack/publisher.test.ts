import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publisherClient, SlackCardPublisher } from '../../../adapters/slack/publisher.js';
import { singleToken } from '../../../adapters/slack/tokens.js';
import { PlatformRateLimitedError, type View } from '../../../src/chat.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

const view: View = {
  visibility: 'channel',
  title: 'Card',
  cardOf: 'k1',
  blocks: [{ type: 'text', text: 'hello' }],
};

describe('SlackCardPublisher', () => {
  let api: FakeSlackApi;
  let pub: SlackCardPublisher;
  beforeAll(async () => {
    api = await startFakeSlackApi();
    pub = new SlackCardPublisher({
      client: publisherClient(api.apiUrl, undefined),
      tokenFor: singleToken('xoxb-pub'),
    });
  });
  afterAll(async () => api.close());

  it('posts with chat.postMessage and returns the channel and ts as the message reference', async () => {
    const ref = await pub.post({ platform: 'slack', teamId: 'T1', channelId: 'C5' }, view);
    expect(ref).toMatchObject({ platform: 'slack', teamId: 'T1', channelId: 'C5' });
    expect(ref.messageId).toMatch(/^\d+\.\d+$/);
    const [call] = api.callsTo('chat.postMessage');
    expect(call!.auth).toBe('Bearer xoxb-pub');
  });

  it('edits with chat.update on the stored channel and ts', async () => {
    await pub.update({ platform: 'slack', teamId: 'T1', channelId: 'C5', messageId: '123.456' }, view);
    expect(api.callsTo('chat.update').at(-1)!.body).toMatchObject({ channel: 'C5', ts: '123.456' });
  });

  it('turns a 429 from chat.update into PlatformRateLimitedError with Retry-After, without retrying itself', async () => {
    const before = api.callsTo('chat.update').length;
    api.on('chat.update', () => ({
      status: 429,
      headers: { 'retry-after': '7' },
      json: { ok: false, error: 'ratelimited' },
    }));
    const err = await pub
      .update({ platform: 'slack', teamId: 'T1', channelId: 'C5', messageId: '1.2' }, view)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformRateLimitedError);
    expect((err as PlatformRateLimitedError).retryAfterMs).toBe(7000);
    expect(api.callsTo('chat.update').length - before).toBe(1);
  });
});

describe('card refresh honours Slack 429 Retry-After', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => h?.close());

  it('defers the card by Retry-After and edits it once the wait is over', async () => {
    await h.slash('start Rate limits');
    await h.settle();
    const m = await h.meeting();
    // The fake answers the first edit with 429 Retry-After: 1 and notes when each edit arrived.
    const served: number[] = [];
    h.api.on('chat.update', (b) => {
      served.push(Date.now());
      if (served.length === 1)
        return { status: 429, headers: { 'retry-after': '1' }, json: { ok: false, error: 'ratelimited' } };
      return { json: { ok: true, channel: b.channel, ts: b.ts } };
    });
    const updatesBefore = h.api.callsTo('chat.update').length;
    await h.join(m, 'Ada', 'U1');
    await h.api.waitFor('chat.update', updatesBefore + 2);
    await h.settle();
    // Behaviour, not speed: the retry waited out Retry-After instead of hammering Slack.
    expect(served[1]! - served[0]!).toBeGreaterThanOrEqual(950);
    expect(JSON.stringify(h.api.callsTo('chat.update').at(-1)!.body.blocks)).toContain('Ada');
  });
});
