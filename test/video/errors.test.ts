import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VideoClient, type VideoErrorCode } from '../../src/video/index.js';
import { parseRetryAfter } from '../../src/video/retry.js';
import { videoError } from './helpers/catch.js';
import { API_KEY, API_SECRET, SESSION } from './helpers/fixtures.js';
import { defaultReply, Recorder } from './helpers/recorder.js';

const rec = new Recorder();
let c: VideoClient;
const unhandled: unknown[] = [];
const onUnhandled = (r: unknown) => unhandled.push(r);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  await rec.start();
  c = new VideoClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: rec.url,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 2000,
  });
});
afterAll(async () => {
  await c.close();
  await rec.close();
  process.off('unhandledRejection', onUnhandled);
});
beforeEach(() => rec.reset());

const STATUS: Array<[number, VideoErrorCode]> = [
  [400, 'invalid'],
  [401, 'auth'],
  [403, 'auth'],
  [404, 'not_found'],
  [405, 'conflict'],
  [409, 'conflict'],
  [413, 'invalid'],
  [422, 'invalid'],
  [429, 'rate_limited'],
  [500, 'unavailable'],
  [502, 'unavailable'],
  [503, 'unavailable'],
];

describe('error mapping', () => {
  it.each(STATUS)('maps %i to %s with HTTP details', async (status, code) => {
    rec.fallback = () => ({
      status,
      body: { message: `boom ${status}` },
      headers: { 'x-request-id': 'req-7' },
    });
    const e = await videoError(() => c.startArchive(SESSION));
    expect(e.code).toBe(code);
    expect(e.status).toBe(status);
    expect(e.method).toBe('POST');
    expect(e.path).toBe(`/v2/project/${API_KEY}/archive`);
    expect(e.serverMessage).toBe(`boom ${status}`);
    expect(e.requestId).toBe('req-7');
    expect(e.userMessage).toMatch(/\.$/);
    const everything = JSON.stringify({ ...e, text: e.message, stack: e.stack });
    expect(everything).not.toContain(API_SECRET);
    expect(everything).not.toMatch(/eyJ[\w-]+\./);
  });

  it('keeps plain-text server messages and scrubs token-shaped text', async () => {
    rec.fallback = () => ({ status: 400, body: 'bad token eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiIxIn0.c2ln here' });
    const e = await videoError(() => c.getArchive('A'));
    expect(e.serverMessage).toBe('bad token [redacted] here');
  });

  it('survives an error reply with a JSON content type and an empty body', async () => {
    rec.fallback = () => ({ status: 400, headers: { 'content-type': 'application/json' } });
    const e = await videoError(() => c.getArchive('A'));
    expect(e.code).toBe('invalid');
    expect(e.serverMessage).toBeUndefined();
  });

  it('reports a 2xx reply that is not the expected shape', async () => {
    rec.fallback = () => ({ body: { nope: true } });
    expect((await videoError(() => c.getArchive('A'))).code).toBe('unavailable');
    rec.fallback = () => ({ body: 'not json' });
    expect((await videoError(() => c.getArchive('A'))).serverMessage).toContain('not JSON');
  });
});

describe('retry policy', () => {
  it('retries an idempotent GET after 503', async () => {
    rec.queue.push({ status: 503 }, { status: 500 });
    expect((await c.getArchive('A')).id).toBe('ARCH1');
    expect(rec.requests).toHaveLength(3);
  });

  it('retries a safe POST (forceMuteAll) after 5xx', async () => {
    rec.queue.push({ status: 502 });
    await c.forceMuteAll(SESSION);
    expect(rec.requests).toHaveLength(2);
  });

  it('does not retry a non-idempotent POST after 5xx', async () => {
    rec.queue.push({ status: 503 });
    expect((await videoError(() => c.startArchive(SESSION))).code).toBe('unavailable');
    expect(rec.requests).toHaveLength(1);
  });

  it('does not retry 4xx', async () => {
    rec.queue.push({ status: 404 });
    expect((await videoError(() => c.getArchive('A'))).code).toBe('not_found');
    expect(rec.requests).toHaveLength(1);
  });

  it('retries 429 after Retry-After even for startArchive', async () => {
    rec.queue.push({ status: 429, headers: { 'retry-after': '0' } });
    expect((await c.startArchive(SESSION)).id).toBe('ARCH1');
    expect(rec.requests).toHaveLength(2);
  });

  it('gives up at once when Retry-After is longer than allowed', async () => {
    rec.queue.push({ status: 429, headers: { 'retry-after': '120' } });
    const e = await videoError(() => c.getArchive('A'));
    expect(e.code).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(120_000);
    expect(rec.requests).toHaveLength(1);
  });

  it('stops after the configured number of retries', async () => {
    rec.fallback = () => ({ status: 503 });
    expect((await videoError(() => c.getArchive('A'))).code).toBe('unavailable');
    expect(rec.requests).toHaveLength(3);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('garbage')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('timeouts, aborts and network errors', () => {
  it('times out a slow call and retries it only when idempotent', async () => {
    rec.fallback = () => ({ delayMs: 400, body: {} });
    const e = await videoError(() => c.getArchive('A', { timeoutMs: 30 }));
    expect(e.code).toBe('timeout');
    expect(rec.requests).toHaveLength(3);
    rec.reset();
    rec.fallback = () => ({ delayMs: 400, body: {} });
    expect((await videoError(() => c.startArchive(SESSION, {}, { timeoutMs: 30 }))).code).toBe('timeout');
    expect(rec.requests).toHaveLength(1);
  });

  it('honours the constructor timeout', async () => {
    const quick = new VideoClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      baseUrl: rec.url,
      timeoutMs: 30,
      retry: false,
    });
    rec.fallback = () => ({ delayMs: 400, body: {} });
    expect((await videoError(() => quick.getRender('R'))).code).toBe('timeout');
    await quick.close();
  });

  it('stops when the caller aborts', async () => {
    rec.fallback = () => ({ delayMs: 400, body: {} });
    const ac = new AbortController();
    const p = c.getArchive('A', { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    const e = await videoError(() => p);
    expect(e.code).toBe('timeout');
    expect(e.userMessage).toContain('cancelled');
    const pre = new AbortController();
    pre.abort();
    expect((await videoError(() => c.getArchive('A', { signal: pre.signal }))).code).toBe('timeout');
  });

  it('maps a dropped connection to network and retries only idempotent calls', async () => {
    rec.fallback = () => ({ destroy: true });
    const dropped = await videoError(() => c.getBroadcast('B'));
    expect(dropped.code).toBe('network');
    expect(rec.requests).toHaveLength(3);
    const everything = JSON.stringify({
      ...dropped,
      text: dropped.message,
      stack: dropped.stack,
      cause: dropped.cause,
    });
    expect(everything).not.toMatch(/eyJ[\w-]+\./);
    expect(everything).not.toContain(API_SECRET);
    rec.reset();
    rec.fallback = () => ({ destroy: true });
    expect((await videoError(() => c.signal(SESSION, null, { data: 'x' }))).code).toBe('network');
    expect(rec.requests).toHaveLength(1);
  });

  it('maps a refused connection to network', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const dead = new VideoClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { retries: 1, minDelayMs: 1 },
    });
    const e = await videoError(() => dead.startArchive(SESSION));
    expect(e.code).toBe('network');
    expect(e.userMessage).toContain('Could not reach');
    await dead.close();
  });
});

describe('long timeouts (undici timers)', () => {
  it('times out through undici when the timeout is above the precise threshold', async () => {
    const slowRec = new Recorder();
    await slowRec.start();
    slowRec.fallback = () => ({ delayMs: 4000, body: {} });
    const client = new VideoClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      baseUrl: slowRec.url,
      timeoutMs: 2000,
      retry: false,
    });
    const e = await videoError(() => client.getArchive('A'));
    expect(e.code).toBe('timeout');
    expect(e.userMessage).toBe('The Video API did not answer in time; try again in a moment.');
    await client.close();
    await slowRec.close();
  });
});

describe('mixed failures under concurrency', () => {
  it('settles 200 concurrent calls with results or VideoErrors', async () => {
    let n = 0;
    rec.fallback = (method, url) => {
      const k = n++ % 5;
      if (k === 0) return { destroy: true };
      if (k === 1) return { status: 503 };
      if (k === 2) return { status: 429, headers: { 'retry-after': '0' } };
      if (k === 3) return { delayMs: 2500, body: {} };
      return defaultReply(method, url);
    };
    const mixed = new VideoClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      baseUrl: rec.url,
      retry: { retries: 1, minDelayMs: 1 },
    });
    const calls = Array.from({ length: 200 }, (_, i) => {
      const ac = new AbortController();
      if (i % 7 === 0) setTimeout(() => ac.abort(), 5);
      const call = { timeoutMs: 1500, signal: ac.signal };
      return i % 2 ? mixed.getArchive(`A${i}`, call) : mixed.startArchive(SESSION, {}, call);
    });
    const settled = await Promise.allSettled(calls);
    await mixed.close();
    for (const r of settled) {
      if (r.status === 'rejected') expect((r.reason as Error).name).toBe('VideoError');
    }
    expect(settled.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(settled.some((r) => r.status === 'rejected')).toBe(true);
  });
});

describe('unhandled rejections', () => {
  it('never let a rejection go unhandled in any test above', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });
});
