import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VideoClient } from '../../src/video/index.js';
import { videoError } from './helpers/catch.js';
import { API_KEY, API_SECRET } from './helpers/fixtures.js';
import { Recorder } from './helpers/recorder.js';

// Retrying must never change the outcome the caller sees: when the service answered with an error
// status and a later attempt gets no answer at all, the caller learns about the status, not about
// the dropped connection.

const rec = new Recorder();
let c: VideoClient;

beforeAll(async () => {
  await rec.start();
  c = new VideoClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: rec.url,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
  });
});
afterAll(async () => {
  await c.close();
  await rec.close();
});
beforeEach(() => rec.reset());

describe('the outcome after retries', () => {
  it('reports a 500 on a GET when the retries then fail without a reply', async () => {
    rec.queue.push({ status: 500, body: { message: 'boom' } }, { destroy: true }, { destroy: true });
    const e = await videoError(() => c.getArchive('A'));
    expect([e.status, e.code, e.serverMessage]).toEqual([500, 'unavailable', 'boom']);
    expect(rec.requests).toHaveLength(3);
  });

  it('reports the last status when a timeout follows it', async () => {
    rec.queue.push({ status: 502, body: { message: 'first' } }, { status: 503, body: { message: 'second' } });
    rec.queue.push({ delayMs: 300, body: {} });
    const e = await videoError(() => c.getBroadcast('B', { timeoutMs: 40 }));
    expect([e.status, e.serverMessage]).toEqual([503, 'second']);
  });

  it('still reports a network error when no attempt got a reply', async () => {
    rec.fallback = () => ({ destroy: true });
    const e = await videoError(() => c.getArchive('A'));
    expect([e.status, e.code]).toEqual([undefined, 'network']);
  });

  it('keeps the reply body and content type for callers that quote it', async () => {
    rec.queue.push({ status: 409, body: { message: 'already recording' } });
    const e = await videoError(() => c.startArchive('1_MX4xMjM0NTZ-fjA'));
    expect(e.body).toBe('{"message":"already recording"}');
    expect(e.contentType).toBe('application/json');
  });
});
