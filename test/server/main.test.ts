import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectionData } from '../../src/identity.js';
import { silentLogger } from '../../src/log.js';
import { startApp, type App } from '../../src/main.js';
import { RecordingPublisher, textOf } from '../cards/recording-publisher.js';

// The composition root with no credentials: in-process emulator whose callbacks reach our own
// server through the unguessable path, health and metrics served, cards kept true.

let app: App;
const publisher = new RecordingPublisher();

beforeAll(async () => {
  app = await startApp(
    loadConfig({ PORT: '0', METRICS_PORT: '0', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'error' }),
    silentLogger,
    { host: '127.0.0.1' },
  );
  app.cards.registerPublisher(publisher);
});
afterAll(async () => {
  await app.stop();
});

describe('startApp', () => {
  it('serves /healthz with the store and the Video API checked', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { store: { ok: true }, video: { ok: true } } });
  });

  it('accepts emulator callbacks only on the token path and keeps the card true', async () => {
    expect(app.emulator).toBeDefined();
    expect((await fetch(`${app.url}/vonage/events`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(
      (await fetch(`${app.url}/vonage/events/${'w'.repeat(32)}`, { method: 'POST', body: '{}' })).status,
    ).toBe(401);
    const session = await app.video.createSession();
    const m = await app.store.createMeeting({
      id: 'main1',
      sessionId: session.sessionId,
      platform: 'shell',
      teamId: 'T',
      channelId: 'C',
      title: 'From main',
      hostId: 'U1',
      hostName: 'Ada',
      status: 'active',
      options: { relayed: false, autoRecord: false, e2ee: false },
      muteAll: false,
      layout: null,
      createdAt: Date.now(),
      endedAt: null,
    });
    await app.cards.post(m.id);
    const token = app.video.generateToken(m.sessionId, {
      data: connectionData({ platform: 'shell', userId: 'U2', name: 'Grace' }),
    });
    const conn = await app.emulator!.connect(m.sessionId, token);
    await app.emulator!.publish(conn.connectionId, { videoType: 'camera' });
    await app.emulator!.idle();
    const deadline = Date.now() + 10_000;
    while (!textOf(publisher.latest('m1')).includes('**Grace** — camera') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    expect(textOf(publisher.latest('m1'))).toContain('**Grace** — camera');
    expect(app.emulator!.deliveries().every((d) => d.statuses.at(-1) === 200)).toBe(true);
  });

  it('counts Video API calls in /metrics, served on METRICS_PORT and not on the bot port', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
    const text = await (await fetch(`${app.metricsUrl}/metrics`)).text();
    expect(text).toMatch(/chatops_video_api_calls_total\{method="createSession",status="ok"\} [1-9]/);
    expect(text).toMatch(/chatops_callbacks_total\{type="session",outcome="applied"\} [1-9]/);
  });
});

describe('startApp with Slack and Discord over HTTP', () => {
  it('mounts /slack/events and /discord/interactions, refusing unsigned requests', async () => {
    const chat = await startApp(
      loadConfig({
        PORT: '0',
        DATABASE_URL: 'sqlite::memory:',
        LOG_LEVEL: 'error',
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'slack-signing-secret',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:9/api',
      }),
      silentLogger,
      { host: '127.0.0.1' },
    );
    try {
      expect(chat.config.chatModes).toEqual(['slack-http', 'discord-http']);
      expect(
        (await fetch(`${chat.url}/slack/events`, { method: 'POST', body: 'command=/video' })).status,
      ).toBe(401);
      expect(
        (await fetch(`${chat.url}/discord/interactions`, { method: 'POST', body: '{"type":1}' })).status,
      ).toBe(401);
      expect((await fetch(`${chat.url}/healthz`)).status).toBe(200);
    } finally {
      await chat.stop();
    }
  });
});
