import { createServer } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { buildDist, startReplica, stopReplica, type Replica } from './replica-process.js';
import { sendSlash, SIGNING_SECRET } from './slack-requests.js';

// A cold start of the compiled bot: /healthz must not say "ready" before every configured route is
// mounted. The server listens before the chat adapters mount theirs (links need the bound port), and
// a balancer that routes on /healthz used to send commands to /slack/events while it answered 404.
// Polls /healthz as fast as it can during each start and sends a signed command the moment it is 200.

const STARTS = 3;

/** A free loopback port (bound and released), so the test knows where to poll before the bot logs it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe('readiness of a cold start', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    buildDist();
    slack = await startFakeSlack();
  }, 180_000);
  afterAll(async () => slack?.close());

  it(`answers the first command after /healthz turns 200, in ${STARTS} cold starts`, async () => {
    const statuses: number[] = [];
    for (let n = 0; n < STARTS; n++) {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      let polling = true;
      // Polls from before the process exists until /healthz says 200, then sends the command at once.
      const firstCommand = (async () => {
        while (polling) {
          const res = await request(`${base}/healthz`).catch(() => null);
          if (res) await res.body.dump();
          if (res?.statusCode === 200) {
            const ack = await sendSlash(base, slack.url, {
              channel: `C-ready-${n}`,
              user: 'U1',
              text: 'help',
              triggerId: `ready-${n}`,
              replyId: `ready-${n}`,
            });
            return ack.status;
          }
          await new Promise((r) => setTimeout(r, 1));
        }
        return 0;
      })();
      let replica: Replica | undefined;
      try {
        replica = await startReplica(`ready-${n}`, {
          PORT: String(port),
          DATABASE_URL: 'sqlite::memory:',
          SLACK_BOT_TOKEN: 'xoxb-ready',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: slack.apiUrl,
          PUBLIC_URL: base,
        });
        statuses.push(await firstCommand);
        for (let i = 0; i < 500 && slack.responses(`ready-${n}`).length === 0; i++)
          await new Promise((r) => setTimeout(r, 10));
        expect(slack.responses(`ready-${n}`)).toHaveLength(1);
      } finally {
        polling = false;
        if (replica) await stopReplica(replica);
      }
    }
    expect(statuses).toEqual(Array.from({ length: STARTS }, () => 200));
  }, 120_000);
});
