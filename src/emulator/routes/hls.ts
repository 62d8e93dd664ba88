import { currentSegment, mediaPlaylist, segment, segmentAvailable } from '../hls.js';
import type { Router, RouteResult } from '../http.js';
import type { World } from '../world.js';

// The HLS URL a broadcast reports (`broadcastUrls.hls`) plays while the broadcast runs: a live media
// playlist and its generated segments. Players on other origins may load it (CORS), as Vonage's CDN allows.

const CORS = { 'access-control-allow-origin': '*' };

function text(status: number, message: string): RouteResult {
  return {
    status,
    body: Buffer.from(`${message}\n`),
    contentType: 'text/plain; charset=utf-8',
    headers: { ...CORS, 'cache-control': 'no-store' },
  };
}

/** Registers GET /_emulator/hls/{broadcastId}/index.m3u8 and .../seg-{n}.ts. */
export function hlsRoutes(router: Router, world: World): void {
  const live = (id: string): { startedAt: number } | RouteResult => {
    const b = world.broadcasts.get(id);
    if (!b?.hls) return text(404, 'There is no HLS live stream here.');
    if (b.status !== 'started') return text(404, 'This live stream has ended.');
    return { startedAt: b.createdAt };
  };
  router.add('GET', '/_emulator/hls/:id/:file', (ctx) => {
    const found = live(ctx.params[0]!);
    if ('status' in found) return found;
    const current = currentSegment(found.startedAt);
    const file = ctx.params[1]!;
    if (file === 'index.m3u8')
      return {
        status: 200,
        body: Buffer.from(mediaPlaylist(current)),
        contentType: 'application/vnd.apple.mpegurl',
        headers: { ...CORS, 'cache-control': 'no-cache' },
      };
    const n = Number(/^seg-(\d{1,9})\.ts$/.exec(file)?.[1] ?? NaN);
    if (!segmentAvailable(n, current))
      return text(404, 'This segment is not (or no longer) in the live window.');
    return {
      status: 200,
      body: segment(n),
      contentType: 'video/mp2t',
      headers: { ...CORS, 'cache-control': 'public, max-age=60' },
    };
  });
}
