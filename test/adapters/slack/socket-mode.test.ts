import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.js';
import { silentLogger } from '../../../src/log.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { testContext, testDoor } from '../../support/context.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';

// Socket Mode against a fake Slack: apps.connections.open hands out a local WebSocket URL, the fake
// says hello, sends a slash command envelope and expects the envelope to be acknowledged.
describe('Slack adapter in Socket Mode', () => {
  let api: FakeSlackApi;
  let wss: WebSocketServer;
  let store: Store;
  let slack: SlackAdapter;
  const sockets: WebSocket[] = [];
  const received: Array<{ envelope_id?: string }> = [];
  const routes: string[] = [];

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    wss.on('connection', (ws) => {
      sockets.push(ws);
      ws.on('message', (m) => received.push(JSON.parse(String(m)) as { envelope_id?: string }));
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          connection_info: { app_id: 'A1' },
          debug_info: { approximate_connection_time: 3600 },
        }),
      );
    });
    api = await startFakeSlackApi();
    api.on('apps.connections.open', () => ({
      json: { ok: true, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link` },
    }));
    store = await openStore('sqlite::memory:', { log: silentLogger });
    const ctx = testContext({ store });
    const server = { route: (method: string, path: string) => void routes.push(`${method} ${path}`) };
    slack = createSlackAdapter({
      config: { botToken: 'xoxb-sock', appToken: 'xapp-1-test', apiUrl: api.apiUrl, moderatorIds: [] },
      door: testDoor(ctx),
      store,
      publicUrl: ctx.publicUrl,
      server,
      log: silentLogger,
      calls: false,
    });
    await slack.start();
  });
  afterAll(async () => {
    await slack?.stop();
    for (const s of sockets) s.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
    await store?.close();
    await api?.close();
  });

  it('connects with the app token and mounts no HTTP event route', async () => {
    const [open] = await api.waitFor('apps.connections.open');
    expect(open!.auth).toBe('Bearer xapp-1-test');
    expect(slack.mode).toBe('socket');
    expect(routes).toEqual([]);
  });

  it('acks a slash command envelope and replies through response_url', async () => {
    const payload = {
      command: '/video',
      text: 'help',
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      user_name: 'ann',
      trigger_id: 'sock-1',
      response_url: `${api.url}/respond/sock`,
    };
    sockets[0]!.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        payload,
        accepts_response_payload: true,
      }),
    );
    await api.waitFor('respond/sock');
    expect(received.some((m) => m.envelope_id === 'env-1')).toBe(true);
    const [reply] = api.callsTo('respond/sock');
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply!.body.blocks)).toContain('start');
  });
});
