import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startApp, type App } from '../../src/main.js';
import { testKeys } from '../adapters/discord/signing.js';

// Issue 12, the HTTP edge on the whole app: an upload far over the limit of a real platform route
// (Slack, Discord, Vonage callbacks, the join page's token exchange) is refused and the connection
// closed without the server reading the rest, whether the size is declared or the body is chunked.

const CAP = 64 * 1024 * 1024;

/** A raw client that keeps writing whatever the server answers, as a careless or hostile one does. */
function upload(url: string, path: string, head: string) {
  return new Promise<{ status: string; written: number; closedByServer: boolean }>((resolve) => {
    const sock = connect(Number(new URL(url).port), '127.0.0.1');
    const data = Buffer.alloc(64 * 1024, 0x61);
    const chunk = head.includes('chunked')
      ? Buffer.concat([Buffer.from('10000\r\n'), data, Buffer.from('\r\n')])
      : data;
    let written = 0;
    let reply = '';
    let settled = false;
    const end = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      sock.destroy();
      resolve({ status: reply.slice(0, 12), written, closedByServer });
    };
    sock.on('data', (d) => (reply += d.toString('latin1')));
    sock.on('close', () => end(true));
    sock.on('error', () => end(true));
    sock.write(`POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n${head}\r\n\r\n`);
    const pump = () => {
      while (!settled && written < CAP) {
        written += chunk.length;
        if (!sock.write(chunk)) return void sock.once('drain', pump);
      }
      if (!settled) end(false);
    };
    pump();
  });
}

describe('oversized uploads to the real routes', () => {
  let app: App;
  beforeAll(async () => {
    const env = {
      PORT: '0',
      DATABASE_URL: 'sqlite::memory:',
      SLACK_BOT_TOKEN: 'xoxb-oversize',
      SLACK_SIGNING_SECRET: 'oversize-slack-signing-secret-01',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      DISCORD_PUBLIC_KEY: testKeys().publicKeyHex,
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      VONAGE_SIGNATURE_SECRET: 'oversize-vonage-signature-secret',
    };
    app = await startApp(loadConfig(env), silentLogger, { host: '127.0.0.1' });
  });
  afterAll(async () => app?.stop());

  it.each([
    ['/slack/events', `content-length: ${2 ** 30}`],
    ['/slack/events', 'transfer-encoding: chunked'],
    ['/discord/interactions', `content-length: ${2 ** 30}`],
    ['/discord/interactions', 'transfer-encoding: chunked'],
    ['/vonage/events', `content-length: ${2 ** 30}`],
    ['/vonage/events', 'transfer-encoding: chunked'],
    ['/join/some-ticket/token', `content-length: ${2 ** 30}`],
    ['/join/some-ticket/token', 'transfer-encoding: chunked'],
    // Refused for its origin before the body is read at all: the connection must not stay to read it.
    ['/join/some-ticket/token', `origin: https://elsewhere.example\r\ncontent-length: ${2 ** 30}`, '403'],
  ])(
    '%s with %s: refused, and the connection closed before the upload ends',
    async (path, head, status = '413') => {
      const r = await upload(app.url, path, head);
      expect(r.closedByServer).toBe(true);
      expect(r.written).toBeLessThan(CAP);
      // The answer usually arrives before the reset; when it does, it is the refusal.
      if (r.status) expect(r.status).toBe(`HTTP/1.1 ${status}`);
      expect((await fetch(`${app.url}/healthz`)).status).toBeLessThan(600);
    },
  );
});
