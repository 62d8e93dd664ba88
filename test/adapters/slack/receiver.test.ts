import { App } from '@slack/bolt';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackHttpReceiver } from '../../../adapters/slack/receiver.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import { createHttpServer, type HttpServer } from '../../../src/server.js';
import { payloadBody, postSigned, sign, SIGNING_SECRET, slashBody } from './signing.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';

describe('SlackHttpReceiver on a real HTTP endpoint', () => {
  let server: HttpServer;
  const logLines: string[] = [];
  let api: FakeSlackApi;
  let url: string;
  const seen: Array<{ text: string; retryNum: number | undefined }> = [];
  const clicks: string[] = [];

  beforeAll(async () => {
    api = await startFakeSlackApi();
    const receiver = new SlackHttpReceiver({
      signingSecret: SIGNING_SECRET,
      log: silentLogger,
      bodyLimit: 4096,
    });
    const app = new App({ receiver, token: 'xoxb-test', clientOptions: { slackApiUrl: api.apiUrl } });
    app.command('/video', async ({ ack, command, context }) => {
      await ack();
      seen.push({ text: command.text, retryNum: context.retryNum });
    });
    app.action(/.*/, async ({ ack, action }) => {
      await ack();
      clicks.push((action as { action_id: string }).action_id);
    });
    server = createHttpServer({
      log: createLogger({ write: (l) => logLines.push(l) }),
      metrics: new Registry(),
    });
    server.route('POST', '/slack/events', receiver.handle);
    url = `${(await server.listen(0, '127.0.0.1')).url}/slack/events`;
  });
  afterAll(async () => {
    await server.close();
    await api.close();
  });

  const command = (text: string) =>
    slashBody({
      command: '/video',
      text,
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      user_name: 'ann',
      trigger_id: 'tr1',
      response_url: 'http://127.0.0.1:1/r',
    });

  it('accepts a correctly signed slash command and runs the listener', async () => {
    const res = await postSigned(url, command('status'));
    expect(res.status).toBe(200);
    expect(seen.at(-1)).toEqual({ text: 'status', retryNum: undefined });
  });

  it('passes x-slack-retry-num through to the listener context', async () => {
    await postSigned(url, command('retry'), {
      headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(seen.at(-1)).toEqual({ text: 'retry', retryNum: 2 });
  });

  it('rejects a forged signature with 401 and runs nothing', async () => {
    const before = seen.length;
    const res = await postSigned(url, command('forged'), {
      signature: sign(command('forged'), Math.floor(Date.now() / 1000), 'wrong-secret'),
    });
    expect(res.status).toBe(401);
    expect(seen.length).toBe(before);
  });

  it('rejects a body altered after signing', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const res = await postSigned(url, command('end'), { ts, signature: sign(command('status'), ts) });
    expect(res.status).toBe(401);
  });

  it('rejects stale and future-dated timestamps outside the 5-minute window', async () => {
    const before = seen.length;
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const future = Math.floor(Date.now() / 1000) + 6 * 60;
    expect((await postSigned(url, command('old'), { ts: stale })).status).toBe(401);
    expect((await postSigned(url, command('new'), { ts: future })).status).toBe(401);
    expect(seen.length).toBe(before);
  });

  it('rejects requests without signature headers', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: command('x'),
    });
    expect(res.status).toBe(401);
  });

  it('answers 400 and logs a warning (not an error) for signed but malformed payloads', async () => {
    logLines.length = 0;
    const before = seen.length + clicks.length;
    const forms = [
      'payload=%7Bnot-json',
      'payload=null',
      'payload=%5B%5D',
      'payload=%22x%22',
      'payload=1',
      'payload=a&payload=b',
      payloadBody({ type: 'block_actions' }),
      payloadBody({ type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, actions: [null] }),
      payloadBody({ type: 'view_submission', user: { id: 'U1' } }),
      payloadBody({ team: { id: 'T1' } }),
      payloadBody({
        type: 'block_actions',
        user: { id: 'U1' },
        team: { id: 'T1' },
        actions: [{ action_id: 5 }],
      }),
      payloadBody({ type: 'block_actions', user: {}, team: {}, actions: [{ action_id: 'join:x' }] }),
      payloadBody({ type: 'view_submission', user: { id: 'U1' }, team: { id: 'T1' }, view: {} }),
      payloadBody({ type: 'shortcut' }),
      'command=%2Fvideo&text=status',
      'command=%2Fvideo&team_id=T1&user_id=U1&channel_id=C1&text=a&text=b&trigger_id=t',
    ];
    for (const body of forms) expect([body, (await postSigned(url, body)).status]).toEqual([body, 400]);
    for (const json of ['[1,2]', 'null', '"x"', '{"type":"event_callback"}', '{}'])
      expect([json, (await postSigned(url, json, { contentType: 'application/json' })).status]).toEqual([
        json,
        400,
      ]);
    expect(seen.length + clicks.length).toBe(before);
    const levels = logLines.map((l) => (JSON.parse(l) as { level: string }).level);
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((l) => l === 'warn')).toBe(true);
  });

  it('answers 413 to an oversized body without verifying or parsing it', async () => {
    const res = await postSigned(url, 'text=' + 'a'.repeat(10_000));
    expect(res.status).toBe(413);
  });

  it('answers ssl_check without a signature and without running listeners', async () => {
    const before = seen.length;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=x&command=%2Fvideo&text=end',
    });
    expect(res.status).toBe(200);
    expect(seen.length).toBe(before);
  });

  it('answers the Events API url_verification challenge', async () => {
    const res = await postSigned(url, JSON.stringify({ type: 'url_verification', challenge: 'abc123' }), {
      contentType: 'application/json',
    });
    expect(JSON.parse(res.text)).toEqual({ challenge: 'abc123' });
  });

  it('delivers signed button clicks to action listeners', async () => {
    const payload = {
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1', name: 'ann' },
      channel: { id: 'C1' },
      trigger_id: 'tr2',
      actions: [{ type: 'button', action_id: 'record.start:k1', block_id: 'b', action_ts: '1.2' }],
    };
    const res = await postSigned(url, payloadBody(payload));
    expect(res.status).toBe(200);
    expect(clicks).toContain('record.start:k1');
  });
});
