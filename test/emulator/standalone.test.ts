import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShell, type Shell } from '../../adapters/shell/index.js';
import { loadConfig } from '../../src/config.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { silentLogger } from '../../src/log.js';
import { startApp, type App } from '../../src/main.js';

// The bot configured with a standalone emulator's URL and credentials (as `npm run emulator`
// prints them) finds out that it is one: `sim` drives it over its control API, its callbacks are
// pointed at the bot without any flag, and the join page runs in demo mode. A real Video API URL
// (anything that does not answer as an emulator) changes nothing.

async function bot(
  env: Record<string, string>,
): Promise<{ app: App; shell: Shell; run(line: string): Promise<string> }> {
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    PORT: '0',
    PUBLIC_URL: 'http://bot.test',
    ...env,
  });
  const app = await startApp(config, silentLogger, { host: '127.0.0.1' });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const shell = createShell({
    input,
    output,
    door: app.door,
    log: silentLogger,
    ...(app.remoteEmulator
      ? { sim: { emulator: app.remoteEmulator, store: app.store, video: app.video } }
      : {}),
    interactive: false,
  });
  app.cards.registerPublisher(shell.publisher);
  return {
    app,
    shell,
    async run(line) {
      const from = text.length;
      await shell.submit(line);
      return text.slice(from);
    },
  };
}

describe('the bot against a standalone emulator', () => {
  let emu: Emulator;
  let b: Awaited<ReturnType<typeof bot>>;
  beforeAll(async () => {
    // No --callback-url: the bot registers its own.
    emu = await startEmulator({ port: 0 });
    b = await bot({
      VONAGE_API_KEY: emu.apiKey,
      VONAGE_API_SECRET: emu.apiSecret,
      VONAGE_VIDEO_API_URL: emu.url,
    });
  });
  afterAll(async () => {
    await b?.app.stop();
    await emu?.close();
  });

  it('runs sim over the control API, with callbacks reaching the bot', async () => {
    expect(b.app.remoteEmulator?.url).toBe(emu.url);
    await b.run('as Hana');
    expect(await b.run('/video start Remote')).toContain('Remote');
    const joined = await b.run('sim join Ada');
    // "joined" without "the bot has not heard about it": the callback came back to the bot.
    expect(joined).toMatch(/^Ada joined \(connection [\w-]+\)\.\n$/);
    expect(await b.run('sim publish Ada --screen')).toMatch(
      /^Ada is publishing their screen \(stream [\w-]+\)\.\n$/,
    );
    const m = await b.app.store.getActiveMeetingInChannel('shell', 'local', 'general');
    expect(emu.snapshot(m!.sessionId).streams.map((s) => s.videoType)).toEqual(['screen']);
    expect(await b.run('sim leave Ada')).toMatch(/^Ada left\.\n$/);
  });

  it('serves the join page in demo mode', async () => {
    const reply = await b.run('/video join');
    const path = /\/join\/[\w.-]+/.exec(reply)![0];
    const page = await fetch(`${b.app.url}${path}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Demo mode (emulator): no real media');
  });
});

describe('the bot against an emulator whose callbacks already go somewhere', () => {
  it('leaves them there (replicas behind a load balancer share one emulator)', async () => {
    const emu = await startEmulator({
      port: 0,
      callbackUrl: 'http://127.0.0.1:9/load-balancer/vonage/events',
    });
    const b = await bot({
      VONAGE_API_KEY: emu.apiKey,
      VONAGE_API_SECRET: emu.apiSecret,
      VONAGE_VIDEO_API_URL: emu.url,
    });
    try {
      expect(b.app.remoteEmulator?.callbacksConfigured).toBe(true);
      const info = (await (await fetch(`${emu.url}/_emulator/info`)).json()) as Record<string, unknown>;
      expect(info).toEqual({ emulator: true, name: expect.any(String), callbacksConfigured: true });
      await b.run('as Hana');
      await b.run('/video start Shared');
      await b.run('sim join Ada');
      expect(emu.deliveries().map((d) => d.url)).toContain('http://127.0.0.1:9/load-balancer/vonage/events');
      expect(emu.deliveries().every((d) => d.url.includes('/load-balancer/'))).toBe(true);
    } finally {
      await b.app.stop();
      await emu.close();
    }
  });
});

describe('the bot against a Video API URL that is not an emulator', () => {
  let fake: Server;
  const seen: string[] = [];
  beforeAll(async () => {
    fake = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":404,"message":"Not found."}');
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => fake.close(() => r())));

  it('asks once, then treats it as the real service: no sim, no demo mode', async () => {
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const real = await bot({
      VONAGE_API_KEY: '4700001',
      VONAGE_API_SECRET: 'x'.repeat(40),
      VONAGE_VIDEO_API_URL: url,
    });
    try {
      expect(real.app.remoteEmulator).toBeUndefined();
      expect(seen.filter((s) => s.startsWith('GET /_emulator/'))).toEqual(['GET /_emulator/info']);
      expect(await real.run('sim join Ada')).toContain('not available against Vonage');
    } finally {
      await real.app.stop();
    }
  });
});
