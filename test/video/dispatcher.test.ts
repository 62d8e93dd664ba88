import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { VideoClient } from '../../src/video/index.js';
import { videoError } from './helpers/catch.js';
import { API_KEY, API_SECRET, SESSION } from './helpers/fixtures.js';

const agent = new MockAgent();
agent.disableNetConnect();
const origin = 'https://api.opentok.com';
const pool = agent.get(origin);
const client = new VideoClient({
  apiKey: API_KEY,
  apiSecret: API_SECRET,
  dispatcher: agent,
  retry: { retries: 1, minDelayMs: 1 },
});
const P = `/v2/project/${API_KEY}`;

afterAll(async () => {
  await client.close();
  await agent.close();
});

describe('injected undici dispatcher (MockAgent)', () => {
  it('sends through the injected dispatcher to the default OpenTok host', async () => {
    let seen: { body?: unknown; headers?: unknown } = {};
    pool.intercept({ path: `${P}/session/${SESSION}/mute`, method: 'POST' }).reply(200, (opts) => {
      seen = { body: opts.body, headers: opts.headers };
      return {};
    });
    await client.forceMuteAll(SESSION, { excludedStreamIds: ['x'] });
    expect(JSON.parse(String(seen.body))).toEqual({ excludedStreamIds: ['x'], active: true });
    expect((seen.headers as Record<string, string>)['x-opentok-auth']).toMatch(/^eyJ/);
  });

  it('parses getStream JSON replies (the official SDK fails on them)', async () => {
    pool
      .intercept({ path: `${P}/session/${SESSION}/stream/ST1`, method: 'GET' })
      .reply(
        200,
        { id: 'ST1', videoType: 'screen', name: 'deck', layoutClassList: ['full'] },
        { headers: { 'content-type': 'application/json' } },
      );
    expect(await client.getStream(SESSION, 'ST1')).toEqual({
      id: 'ST1',
      videoType: 'screen',
      name: 'deck',
      layoutClassList: ['full'],
    });
  });

  it('retries a GET after a mocked 503 and maps the final 404', async () => {
    pool.intercept({ path: `${P}/render/R9`, method: 'GET' }).reply(503, 'down');
    pool.intercept({ path: `${P}/render/R9`, method: 'GET' }).reply(404, { message: 'no such render' });
    const e = await videoError(() => client.getRender('R9'));
    expect(e.code).toBe('not_found');
    expect(e.serverMessage).toBe('no such render');
    expect(e.userMessage).toBe('The Video API could not find that render.');
  });

  it('maps a mocked network error', async () => {
    pool.intercept({ path: `${P}/archive`, method: 'POST' }).replyWithError(new Error('socket hang up'));
    const e = await videoError(() => client.startArchive(SESSION));
    expect(e.code).toBe('network');
    expect(e.serverMessage).toBe('socket hang up');
  });
});
