import { afterAll, describe, expect, it } from 'vitest';
import { startSlackHarness, type SlackHarness } from './harness.js';

// A revoked bot token (or Slack unreachable) at start-up must not crash the process. Bolt, given a
// token, calls auth.test in its constructor and leaves that promise unhandled: a failing auth.test
// became an unhandled rejection, which ends a Node process. The adapter hands Bolt the token itself
// instead, so start-up calls nothing, and the bot keeps serving.

describe('Slack adapter start-up', () => {
  let h: SlackHarness | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await h?.close();
  });

  it('survives an auth.test that fails, calls nothing at start, and still serves commands', async () => {
    h = await startSlackHarness({
      prepare: (api) => api.on('auth.test', () => ({ json: { ok: false, error: 'invalid_auth' } })),
    });
    const res = await h.slash('help');
    expect(res.status).toBe(200);
    expect(JSON.stringify(await h.replyTo(res.reply))).toContain('Start a meeting in this channel');
    await h.settle();
    expect(h.api.callsTo('auth.test')).toHaveLength(0);
    expect(unhandled).toEqual([]);
  });
});
