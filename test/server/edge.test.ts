import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startApp, startupFailure, type App } from '../../src/main.js';
import { signHeaders, testKeys } from '../adapters/discord/signing.js';
import { sign as slackSign } from '../adapters/slack/signing.js';

// The HTTP edge of the whole app (startApp), on every route a platform can reach: signed but
// malformed input gets a 400 and a warning (never a 500 and an error), Vonage callbacks must bind
// their body to the signature, and a taken port is one sentence.

const SLACK_SECRET = 'edge-slack-signing-secret-0123';
const VONAGE_SECRET = 'edge-vonage-signature-secret-01';
const keys = testKeys();

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    DATABASE_URL: 'sqlite::memory:',
    SLACK_BOT_TOKEN: 'xoxb-edge',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_APPLICATION_ID: '123456789012345678',
    DISCORD_API_URL: 'http://127.0.0.1:9/api',
    VONAGE_SIGNATURE_SECRET: VONAGE_SECRET,
    ...extra,
  };
}

async function vonageToken(body: string, withHash = true): Promise<string> {
  const claims = withHash ? { payload_hash: createHash('sha256').update(body).digest('hex') } : {};
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setJti(randomUUID())
    .setIssuer('Vonage')
    .sign(new TextEncoder().encode(VONAGE_SECRET));
}

async function start(extra?: Record<string, string>) {
  const lines: Array<{ level: string; msg: string } & Record<string, unknown>> = [];
  const log = createLogger({ level: 'warn', write: (l) => lines.push(JSON.parse(l)) });
  const app = await startApp(loadConfig(env(extra)), log, { host: '127.0.0.1' });
  return { app, lines };
}

describe('signed but malformed input, on every route', () => {
  let app: App;
  let lines: Awaited<ReturnType<typeof start>>['lines'];
  beforeAll(async () => {
    ({ app, lines } = await start());
  });
  afterAll(async () => app?.stop());

  const slack = (body: string, contentType = 'application/x-www-form-urlencoded') => {
    const ts = Math.floor(Date.now() / 1000);
    return fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': slackSign(body, ts, SLACK_SECRET),
      },
      body,
    });
  };
  const discord = (body: string) =>
    fetch(`${app.url}/discord/interactions`, { method: 'POST', headers: signHeaders(keys, body), body });
  const vonage = async (body: string) =>
    fetch(`${app.url}/vonage/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await vonageToken(body)}` },
      body,
    });

  it('answers 400 with a sentence and logs a warning, not a 500 and an error', async () => {
    const cases: Array<[string, () => Promise<Response>]> = [
      ['slack payload=null', () => slack('payload=null')],
      ['slack payload=[]', () => slack('payload=%5B%5D')],
      ['slack json null', () => slack('null', 'application/json')],
      ['discord null', () => discord('null')],
      ['discord not json', () => discord('{"type":')],
      ['discord array', () => discord('[1]')],
      ['vonage null', () => vonage('null')],
      ['vonage not json', () => vonage('{"event":')],
      ['vonage array', () => vonage('[]')],
    ];
    for (const [name, send] of cases) {
      const before = lines.length;
      const res = await send();
      const body = (await res.json()) as { message?: string };
      expect([name, res.status]).toEqual([name, 400]);
      expect(body.message).toMatch(/^[A-Z].*\.$/);
      // Lines of the HTTP edge only (the Slack client may log its own failures to reach 127.0.0.1:9).
      const logged = lines.slice(before).filter((l) => l.route !== undefined);
      expect([name, logged.map((l) => `${l.level} ${l.msg}`)]).toEqual([name, ['warn refused a request']]);
    }
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('Vonage callbacks must bind their body to the signature', () => {
  const callback = JSON.stringify({
    sessionId: '2_MX4xMjM0NTZ-fm5vdC1hLXNlc3Npb24',
    projectId: '123456',
    event: 'connectionCreated',
    timestamp: Date.now(),
    connection: { id: 'c1', createdAt: Date.now(), data: '' },
  });
  const post = async (app: App, withHash: boolean) =>
    fetch(`${app.url}/vonage/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await vonageToken(callback, withHash)}`,
      },
      body: callback,
    });

  it('refuses a signed callback without payload_hash, saying which setting would accept it', async () => {
    const { app, lines } = await start();
    try {
      const res = await post(app, false);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toContain(
        'VONAGE_ALLOW_UNHASHED_CALLBACKS',
      );
      expect(lines.some((l) => l.level === 'warn' && String(l.reason).includes('payload_hash'))).toBe(true);
      expect((await post(app, true)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('accepts it when VONAGE_ALLOW_UNHASHED_CALLBACKS=true, and warns about that at start', async () => {
    const { app, lines } = await start({ VONAGE_ALLOW_UNHASHED_CALLBACKS: 'true' });
    try {
      expect(lines.some((l) => l.msg.includes('VONAGE_ALLOW_UNHASHED_CALLBACKS'))).toBe(true);
      expect((await post(app, false)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});

describe('metrics and the home page on the full app', () => {
  it('serves /metrics to METRICS_TOKEN only, and / as HTML', async () => {
    const { app } = await start({ METRICS_TOKEN: 'edge-metrics-token-0123' });
    try {
      expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
      const ok = await fetch(`${app.url}/metrics`, {
        headers: { authorization: 'Bearer edge-metrics-token-0123' },
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('chatops_http_requests_total');
      expect((await fetch(`${app.url}/`)).headers.get('content-type')).toContain('text/html');
    } finally {
      await app.stop();
    }
  });
});

describe('a taken port', () => {
  it('is one sentence that names the port and the variable to set', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const config = loadConfig({ PORT: String(port), DATABASE_URL: 'sqlite::memory:' });
    try {
      const err = await startApp(config, createLogger({ write: () => {} }), { host: '127.0.0.1' }).then(
        (app) => app.stop().then(() => null),
        (e: unknown) => e,
      );
      expect(startupFailure(err, config)).toBe(
        `Could not start: port ${port} is in use; set PORT=<another port> (for example PORT=${port + 1}) or stop what is using it.`,
      );
      const metricsConfig = loadConfig({
        PORT: '0',
        METRICS_PORT: String(port),
        DATABASE_URL: 'sqlite::memory:',
      });
      const err2 = await startApp(metricsConfig, createLogger({ write: () => {} }), {
        host: '127.0.0.1',
      }).then(
        (app) => app.stop().then(() => null),
        (e: unknown) => e,
      );
      expect(startupFailure(err2, metricsConfig)).toContain(`set METRICS_PORT=`);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
