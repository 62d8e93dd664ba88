import { jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VideoClient } from '../../src/video/index.js';
import { API_KEY, API_SECRET, SESSION } from './helpers/fixtures.js';
import { ARCHIVE, Recorder } from './helpers/recorder.js';
import { WIRE_CASES } from './wire-cases.js';

const rec = new Recorder();
let client: VideoClient;

beforeAll(async () => {
  await rec.start();
  client = new VideoClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: rec.url + '/mock/',
    retry: false,
  });
});
afterAll(async () => {
  await client.close();
  await rec.close();
});
beforeEach(() => rec.reset());

describe('VideoClient wire format (OpenTok credentials)', () => {
  it.each(WIRE_CASES)('$name sends the exact method, path and body', async (c) => {
    await c.call(client);
    const r = rec.one();
    expect(r.method).toBe(c.method);
    const expectedPath = c.path.startsWith('!') ? c.path.slice(1) : `/v2/project/${API_KEY}${c.path}`;
    expect(r.url).toBe('/mock' + expectedPath);
    if (c.form !== undefined) {
      expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(r.body).toBe(c.form);
    } else if (c.json !== undefined) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(JSON.parse(r.body)).toStrictEqual(c.json);
    } else {
      expect(r.body).toBe('');
      expect(r.headers['content-type']).toBeUndefined();
    }
    expect(r.headers['accept']).toBe('application/json');
    expect(r.headers['authorization']).toBeUndefined();
  });

  it('signs X-OPENTOK-AUTH as HS256 with iss, ist, iat and a 5-minute exp', async () => {
    await client.getArchive('ARCH1');
    const token = String(rec.one().headers['x-opentok-auth']);
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(API_SECRET), {
      algorithms: ['HS256'],
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload.iss).toBe(API_KEY);
    expect(payload.ist).toBe('project');
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(120);
  });

  it('reuses the cached auth header across calls', async () => {
    await client.getArchive('A');
    await client.getArchive('B');
    expect(rec.requests[0]!.headers['x-opentok-auth']).toBe(rec.requests[1]!.headers['x-opentok-auth']);
  });

  it('parses typed results', async () => {
    const archive = await client.startArchive(SESSION);
    expect(archive).toMatchObject(ARCHIVE);
    const session = await client.createSession({ mediaMode: 'routed' });
    expect(session).toEqual({ sessionId: 'SESSION-FROM-SERVER', mediaMode: 'routed', archiveMode: 'manual' });
    const page = await client.listArchives();
    expect(page.count).toBe(1);
    expect(page.items[0]!.id).toBe('ARCH1');
    const stream = await client.getStream(SESSION, 'ST1');
    expect(stream.layoutClassList).toEqual(['full']);
    const streams = await client.listStreams(SESSION);
    expect(streams.map((s) => s.id)).toEqual(['ST1']);
    const call = await client.dial(SESSION, 'tok', 'sip:a@b');
    expect(call).toMatchObject({ id: 'CALL1', connectionId: 'CONN1' });
    const ws = await client.websocketConnect(SESSION, 'tok', 'wss://x/y');
    expect(ws).toMatchObject({ id: 'WS1', connectionId: 'CONN2' });
    const render = await client.startRender({ sessionId: SESSION, token: 't', url: 'https://x/' });
    expect(render.status).toBe('started');
  });

  it('stops an Audio Connector by force-disconnecting its connection', async () => {
    await client.disconnectWebsocket(SESSION, 'CONN2');
    const r = rec.one();
    expect(`${r.method} ${r.url}`).toBe(
      `DELETE /mock/v2/project/${API_KEY}/session/${SESSION}/connection/CONN2`,
    );
  });

  it('sends the configured user agent', async () => {
    const c2 = new VideoClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      baseUrl: rec.url,
      userAgent: 'my-agent/1',
    });
    await c2.getArchive('A');
    expect(rec.one().headers['user-agent']).toBe('my-agent/1');
    await c2.close();
  });
});
