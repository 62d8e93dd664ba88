import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoClient } from '../../src/video/index.js';
import { API_KEY, API_SECRET } from './helpers/fixtures.js';
import { Recorder } from './helpers/recorder.js';

const rec = new Recorder();
let c: VideoClient;
const TOTAL = 7;

function pageReply(url: string, make: (i: number) => object) {
  const q = new URL(url, 'http://x').searchParams;
  const offset = Number(q.get('offset') ?? 0);
  const count = Number(q.get('count') ?? 50);
  const items = [];
  for (let i = offset; i < Math.min(TOTAL, offset + count); i++) items.push(make(i));
  return { body: { count: TOTAL, items } };
}

beforeAll(async () => {
  await rec.start();
  c = new VideoClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: rec.url });
});
afterAll(async () => {
  await c.close();
  await rec.close();
});

describe('async iteration over list pages', () => {
  it('walks every archive in pages of the requested size', async () => {
    rec.reset();
    rec.fallback = (_m, url) =>
      pageReply(url, (i) => ({ id: `A${i}`, sessionId: 'S', status: 'available', createdAt: i }));
    const ids: string[] = [];
    for await (const a of c.iterateArchives({ count: 3 })) ids.push(a.id);
    expect(ids).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
    expect(rec.requests.map((r) => r.url.replace(/^.*\/archive/, ''))).toEqual([
      '?count=3',
      '?offset=3&count=3',
      '?offset=6&count=3',
    ]);
  });

  it('yields whole pages of broadcasts', async () => {
    rec.reset();
    rec.fallback = (_m, url) =>
      pageReply(url, (i) => ({ id: `B${i}`, sessionId: 'S', status: 'started', createdAt: i }));
    const sizes: number[] = [];
    for await (const p of c.broadcastPages({ count: 5 })) sizes.push(p.items.length);
    expect(sizes).toEqual([5, 2]);
  });

  it('filters renders by session while paging over all of them', async () => {
    rec.reset();
    rec.fallback = (_m, url) =>
      pageReply(url, (i) => ({ id: `R${i}`, sessionId: i % 2 ? 'odd' : 'even', status: 'started' }));
    const ids: string[] = [];
    for await (const r of c.iterateRenders({ count: 4, sessionId: 'odd' })) ids.push(r.id);
    expect(ids).toEqual(['R1', 'R3', 'R5']);
    expect(rec.requests.every((r) => !r.url.includes('sessionId'))).toBe(true);
  });
});
