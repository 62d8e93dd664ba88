import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, type SlackHarness } from './harness.js';

// Every Slack call has a deadline (10 s; shortened here): a reply to a response_url that never
// answers, or a users.info that hangs, ends at its timeout instead of holding the request's work
// slot for minutes (undici's 5-minute default, Bolt's unbounded client).

const hang = () => new Promise<never>(() => undefined);

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ callTimeoutMs: 300 });
});
afterAll(async () => h?.close());

describe('a Slack that never answers', () => {
  it('gives up on a reply to a hung response_url, and the request finishes', async () => {
    const first = await h.slash('start Hung replies');
    await h.replyTo(first.reply);
    h.api.on(`respond/r2`, hang);
    const { reply } = await h.slash('status');
    expect(reply).toBe('r2');
    await h.api.waitFor('respond/r2');
    // Without a deadline this waits for undici's 300 s header timeout.
    await h.slack.idle();
    const next = await h.slash('status');
    expect(JSON.stringify(await h.replyTo(next.reply))).toContain('Hung replies');
  });

  it('treats someone whose users.info hangs as no admin, after a bounded number of tries', async () => {
    h.api.on('users.info', hang);
    const { reply } = await h.slash('end', 'U2');
    expect(JSON.stringify(await h.replyTo(reply))).toContain(
      "Only the meeting's host or a moderator can use `end`.",
    );
    const tries = h.api.callsTo('users.info').length;
    expect(tries).toBeGreaterThanOrEqual(1);
    expect(tries).toBeLessThanOrEqual(3);
    expect((await h.meeting()).status).toBe('active');
  });
});
