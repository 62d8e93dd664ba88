import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordHarness, type DiscordHarness } from './harness.js';

// A meeting whose card Discord refused still gets its card: a 429, then a few 5xx, leave it in the
// outbox, and it is posted once Discord takes it.

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness({ cardRetryBaseMs: 50 });
});
afterAll(async () => h?.close());

const start = {
  name: 'video',
  type: 1,
  options: [{ type: 1, name: 'start', options: [{ name: 'title', type: 3, value: 'Refused card' }] }],
};

describe('a card Discord would not take', () => {
  it('is posted after a 429 and three 5xx, once', async () => {
    const card = /^POST \/channels\/c1\/messages$/;
    h.discord.rateLimitNext(card, 1);
    h.discord.failNext(card, 3, 502);
    const i = h.interaction(2, { id: 'u-host' }, start);
    await h.send(i);
    expect(JSON.stringify((await h.result(i.token)).body)).toContain('Its card will appear here shortly');
    const m = await h.meeting();
    const deadline = Date.now() + 15_000;
    while ((await h.store.listCards(m.id)).length === 0) {
      if (Date.now() > deadline) throw new Error('the card was never posted');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(h.discord.matching(card)).toHaveLength(1);
    expect(h.discord.limitedHits.filter((r) => card.test(`${r.method} ${r.path}`))).toHaveLength(4);
    expect(JSON.stringify(h.discord.matching(card)[0]!.body)).toContain('Refused card');
  });
});
