import { afterEach, describe, expect, it } from 'vitest';
import { startSlackHarness, type SlackHarness } from './harness.js';

// A meeting whose card Slack refused (429, or a few 5xx) still gets its card: it waits in the
// outbox and is posted once Slack lets us, and the Slack call is created then.

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const text = (reply: Record<string, unknown>) => JSON.stringify(reply);

describe('a card Slack would not take', () => {
  it('is posted after Retry-After when chat.postMessage answered 429, and the Slack call is created then', async () => {
    h = await startSlackHarness();
    const api = h.api;
    let answered = 0;
    api.on('chat.postMessage', (b) => {
      if (answered++ === 0)
        return { status: 429, headers: { 'retry-after': '1' }, json: { ok: false, error: 'ratelimited' } };
      return { json: { ok: true, channel: b.channel, ts: `17000000${answered}.000100` } };
    });
    const { reply } = await h.slash('start Rate limited start');
    expect(text(await h.replyTo(reply))).toContain('Its card will appear here shortly');
    const m = await h.meeting();
    await until(async () => (await h!.store.listCards(m.id)).length === 1, 'the card is stored');
    await until(() => api.callsTo('calls.add').length === 1, 'the Slack call is created');
    const order = api.calls.map((c) => c.method);
    const cardPosted = order.indexOf('chat.postMessage', order.indexOf('chat.postMessage') + 1);
    expect(cardPosted).toBeGreaterThan(-1);
    expect(order.indexOf('calls.add')).toBeGreaterThan(cardPosted);
    expect(await h.store.listCardPosts(m.id)).toEqual([]);
  });

  it('is posted once Slack recovers from a few 5xx', async () => {
    h = await startSlackHarness({ cardRetryBaseMs: 50 });
    const api = h.api;
    let answered = 0;
    api.on('chat.postMessage', (b) => {
      if (answered++ < 3) return { status: 503, json: { ok: false, error: 'service_unavailable' } };
      return { json: { ok: true, channel: b.channel, ts: `17000000${answered}.000100` } };
    });
    const { reply } = await h.slash('start Flaky Slack');
    expect(text(await h.replyTo(reply))).toContain('Its card will appear here shortly');
    const m = await h.meeting();
    await until(async () => (await h!.store.listCards(m.id)).length === 1, 'the card is stored');
    expect(answered).toBeGreaterThanOrEqual(4);
    // Three refusals, then the fourth attempt is the card that is kept.
    expect((await h.store.listCards(m.id))[0]!.messageId).toBe('170000004.000100');
  });
});
