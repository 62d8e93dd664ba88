import { describe, expect, it } from 'vitest';
import { videoReachability, withTimeout } from '../../src/http/health.js';
import { instrumentVideo, registry } from '../../src/metrics.js';
import { VideoError } from '../../src/video/errors.js';

// The Video API reachability check and the Video call metrics, over a hand-written VideoApi part.

function fakeVideo(outcomes: Array<'ok' | VideoError>) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async listArchives() {
      const next = outcomes[Math.min(calls++, outcomes.length - 1)];
      if (next instanceof VideoError) throw next;
      return { count: 0, items: [] };
    },
    generateToken: () => 'not-a-promise',
  };
}

describe('videoReachability', () => {
  it('is healthy on an answer, unhealthy on auth or network trouble, and caches the verdict', async () => {
    let now = 0;
    const video = fakeVideo([
      'ok',
      new VideoError({ code: 'auth', userMessage: 'bad creds', status: 401 }),
      new VideoError({ code: 'not_found', userMessage: 'x', status: 404 }),
    ]);
    const check = videoReachability(video, 500, 10_000, () => now);
    await expect(check()).resolves.toBeUndefined();
    await expect(check()).resolves.toBeUndefined();
    expect(video.calls).toBe(1);
    now = 10_000;
    await expect(check()).rejects.toThrow('Video API: auth');
    now = 20_000;
    await expect(check()).resolves.toBeUndefined();
  });

  it('gives up on a check that never answers', async () => {
    await expect(withTimeout(() => new Promise(() => {}), 50)).rejects.toThrow('no answer within 50 ms');
  });
});

describe('instrumentVideo', () => {
  it('counts asynchronous calls by method and status and leaves synchronous ones alone', async () => {
    const video = instrumentVideo(
      fakeVideo(['ok', new VideoError({ code: 'rate_limited', userMessage: 'slow down', status: 429 })]),
    );
    await video.listArchives();
    await expect(video.listArchives()).rejects.toThrow('slow down');
    expect(video.generateToken()).toBe('not-a-promise');
    const text = await registry.metrics();
    expect(text).toMatch(/chatops_video_api_calls_total\{method="listArchives",status="ok"\} [1-9]/);
    expect(text).toMatch(/chatops_video_api_calls_total\{method="listArchives",status="429"\} [1-9]/);
    expect(text).not.toContain('method="generateToken"');
  });
});
