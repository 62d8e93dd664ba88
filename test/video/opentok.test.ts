import { createHmac } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VideoError } from '../../src/video/index.js';
import { OpenTok, OpenTokSession, type OpenTokArchive } from '../../src/video/opentok.js';
import { API_KEY, API_SECRET, APP_ID, PRIVATE_PEM, SESSION } from './helpers/fixtures.js';
import { ARCHIVE, Recorder } from './helpers/recorder.js';

const rec = new Recorder();
let opentok: OpenTok;

/** Promisifies one callback-style call, returning every callback argument. */
function cb<T extends unknown[]>(fn: (done: (...a: T) => void) => void): Promise<T> {
  return new Promise((resolve) => fn((...a) => resolve(a)));
}

beforeAll(async () => {
  await rec.start();
  opentok = new OpenTok(API_KEY, API_SECRET, { apiUrl: rec.url, timeout: 2000, uaAddendum: 'my-app/2' });
});
afterAll(async () => {
  await opentok.close();
  await rec.close();
});
beforeEach(() => rec.reset());

describe('OpenTok compatibility layer', () => {
  it('creates a session whose generateToken works', async () => {
    const [err, session] = await cb<[Error | null, OpenTokSession]>((d) =>
      opentok.createSession({ mediaMode: 'routed' }, d),
    );
    expect(err).toBeNull();
    expect(session).toBeInstanceOf(OpenTokSession);
    expect(session.sessionId).toBe('SESSION-FROM-SERVER');
    expect(session.mediaMode).toBe('routed');
    expect(rec.one().headers['user-agent']).toContain('my-app/2');
  });

  it('accepts createSession(callback) without options', async () => {
    const [err] = await cb<[Error | null]>((d) => opentok.createSession(d));
    expect(err).toBeNull();
    expect(rec.one().body).toBe('archiveMode=manual&p2p.preference=enabled');
  });

  it('generates JWT tokens by default and T1 with the third argument', () => {
    expect(decodeJwt(opentok.generateToken(SESSION, { role: 'subscriber' })).role).toBe('subscriber');
    const t1 = opentok.generateToken(SESSION, { role: 'moderator' }, true);
    const [left, right] = Buffer.from(t1.slice(4), 'base64').toString().split(':') as [string, string];
    expect(new URLSearchParams(left).get('sig')).toBe(
      createHmac('sha1', API_SECRET).update(right).digest('hex'),
    );
  });

  it('hands back archives with stop() and delete() helpers', async () => {
    const [err, archive] = await cb<[Error | null, OpenTokArchive]>((d) =>
      opentok.startArchive(SESSION, { name: 'x' }, d),
    );
    expect(err).toBeNull();
    expect(archive.id).toBe('ARCH1');
    rec.reset();
    const [stopErr, stopped] = await cb<[Error | null, OpenTokArchive]>((d) => archive.stop(d));
    expect(stopErr).toBeNull();
    expect(stopped.id).toBe('ARCH1');
    expect(rec.one().url).toBe(`/v2/project/${API_KEY}/archive/ARCH1/stop`);
    rec.reset();
    const [delErr] = await cb<[Error | null]>((d) => archive.delete(d));
    expect(delErr).toBeNull();
    expect(rec.one().method).toBe('DELETE');
  });

  it('calls list callbacks with (err, items, totalCount)', async () => {
    const [err, items, total] = await cb<[Error | null, unknown[], number]>((d) =>
      opentok.listArchives({ count: 5 }, d),
    );
    expect(err).toBeNull();
    expect(items).toHaveLength(1);
    expect(total).toBe(1);
    const [, bcs, bcTotal] = await cb<[Error | null, unknown[], number]>((d) => opentok.listBroadcasts(d));
    expect([bcs.length, bcTotal]).toEqual([1, 1]);
  });

  it('runs the setStreamClassLists example from the SDK reference unchanged', async () => {
    const classListArray = [
      { id: '7b09ec3c-26f9-43d7-8197-f608f13d4fb6', layoutClassList: ['focus'] },
      { id: '567bc941-6ea0-4c69-97fc-70a740b68976', layoutClassList: ['top'] },
      { id: '307dc941-0450-4c09-975c-705740d08970', layoutClassList: ['bottom'] },
    ];
    const [err] = await cb<[Error | null]>((d) => opentok.setStreamClassLists(SESSION, classListArray, d));
    expect(err).toBeNull();
    expect(JSON.parse(rec.one().body)).toEqual({ items: classListArray });
  });

  it('runs the startBroadcast example from the SDK reference (stylesheet only with custom)', async () => {
    const options = {
      outputs: {
        hls: { dvr: false, lowLatency: false },
        rtmp: [
          { id: 'foo', serverUrl: 'rtmp://myfooserver/myfooapp', streamName: 'myfoostream' },
          { id: 'bar', serverUrl: 'rtmp://mybarserver/mybarapp', streamName: 'mybarstream' },
        ],
      },
      maxDuration: 5400,
      resolution: '640x480' as const,
      layout: {
        type: 'custom' as const,
        stylesheet: 'the layout stylesheet (only used with type == custom)',
      },
      streamMode: 'manual' as const,
    };
    const [err, broadcast] = await cb<[Error | null, { id: string }]>((d) =>
      opentok.startBroadcast(SESSION, options, d),
    );
    expect(err).toBeNull();
    expect(broadcast.id).toBe('BC1');
  });

  it('skips optional layout arguments when the callback comes early', async () => {
    const [err] = await cb<[Error | null]>((d) => opentok.setArchiveLayout('ARCH1', 'pip', d));
    expect(err).toBeNull();
    expect(JSON.parse(rec.one().body)).toEqual({ type: 'pip' });
  });

  it('sends the documented misspelled excudedStreamIds as excludedStreamIds', async () => {
    await cb((d) => opentok.forceMuteAll(SESSION, { excudedStreamIds: ['s1'] }, d));
    expect(JSON.parse(rec.one().body)).toEqual({ excludedStreamIds: ['s1'], active: true });
  });

  it('passes the official error, carrying our code, status and cause, to the callback once', async () => {
    rec.fallback = () => ({ status: 404, body: { message: 'nope' }, headers: { 'x-request-id': 'r-1' } });
    let calls = 0;
    const [err] = await cb<[Error | null]>((d) =>
      opentok.getArchive('missing', (e) => {
        calls += 1;
        d(e);
      }),
    );
    expect(err).toBeInstanceOf(OpenTok.NotFoundError);
    expect(err?.message).toBe('Archive not found');
    expect(err).toMatchObject({ code: 'not_found', status: 404, requestId: 'r-1' });
    expect((err as Error & { cause: unknown }).cause).toBeInstanceOf(VideoError);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(1);
  });

  it('reports validation errors through the callback without a request', async () => {
    const [err] = await cb<[Error | null]>((d) => opentok.playDTMF(SESSION, null, 'abc', d));
    expect((err as VideoError).code).toBe('invalid');
    expect(rec.requests).toHaveLength(0);
  });

  it('enforces the timeout option the official SDK ignores', async () => {
    const slow = new OpenTok(API_KEY, API_SECRET, { apiUrl: rec.url, timeout: 30 });
    rec.fallback = () => ({ delayMs: 300, body: {} });
    const [err] = await cb<[Error | null]>((d) => slow.startArchive(SESSION, d));
    expect((err as VideoError).code).toBe('timeout');
    await slow.close();
  });

  it('returns promises when no callback is given', async () => {
    await expect(opentok.getBroadcast('BC1')).resolves.toMatchObject({ id: 'BC1' });
    const broadcast = await opentok.getBroadcast('BC1');
    expect(typeof broadcast?.stop).toBe('function');
  });

  it('switches to Vonage mode for an application ID and a PEM private key', async () => {
    const vonage = new OpenTok(APP_ID, PRIVATE_PEM, rec.url);
    await vonage.forceMuteStream(SESSION, 'ST1');
    const r = rec.one();
    expect(r.url).toBe(`/v2/project/${APP_ID}/session/${SESSION}/stream/ST1/mute`);
    expect(String(r.headers.authorization)).toMatch(/^Bearer eyJ/);
    expect(new OpenTok(APP_ID, PRIVATE_PEM).apiUrl).toBe('https://video.api.vonage.com');
    await vonage.close();
  });

  it('refuses bad constructor arguments without echoing the secret', () => {
    let message = '';
    try {
      new OpenTok({} as unknown as string, 'very-secret');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'Invalid arguments when initializing OpenTok: apiKey=[object Object], apiSecret=[redacted]',
    );
    expect(message).not.toContain('very-secret');
  });
});

describe('OpenTok export shape', () => {
  it('can be called without new and is the default export', async () => {
    const { default: Default } = await import('../../src/video/opentok.js');
    const ot = Default(API_KEY, API_SECRET, 'http://127.0.0.1:9');
    expect(ot).toBeInstanceOf(OpenTok);
    expect(ot.apiUrl).toBe('http://127.0.0.1:9');
    expect(OpenTok.VideoError).toBe(VideoError);
    await ot.close();
  });
});

describe('result objects', () => {
  it('serialise to the plain REST record', async () => {
    const archive = await opentok.getArchive('ARCH1');
    expect(JSON.parse(JSON.stringify(archive))).toEqual({ ...ARCHIVE });
    expect(Object.keys(archive!)).not.toContain('stop');
  });
});
