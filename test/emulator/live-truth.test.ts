import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32mpeg } from '../../src/emulator/hls.js';
import { startRig, type ShellRig } from '../shell/harness.js';

// The whole bot on its built-in emulator: the card must show an RTMP output as live as soon as the
// emulator reports it (a broadcast callback, not the next reconciliation), the card's "Watch (HLS)"
// link must play while the stream runs, and `sim` must say what it publishes.

let rig: ShellRig;
beforeAll(async () => {
  rig = await startRig();
  await rig.run('as Hana', '/video start Launch', 'sim join Ada', 'sim publish Ada');
});
afterAll(async () => rig.stop());

/** Checks MPEG-TS framing and the PAT/PMT checksums of a segment. */
function checkTransportStream(ts: Buffer): void {
  expect(ts.length % 188).toBe(0);
  for (let i = 0; i < ts.length; i += 188) expect(ts[i]).toBe(0x47);
  for (const pid of [0x0000, 0x1000]) {
    const at = [...Array(ts.length / 188).keys()]
      .map((k) => k * 188)
      .find((o) => (ts.readUInt16BE(o + 1) & 0x1fff) === pid);
    expect(at).toBeDefined();
    const start = at! + 5; // header + pointer field
    const length = ts.readUInt16BE(start + 1) & 0x0fff;
    const section = ts.subarray(start, start + 3 + length);
    expect(crc32mpeg(section.subarray(0, section.length - 4))).toBe(section.readUInt32BE(section.length - 4));
  }
  // The audio PID carries MPEG-1 Layer III frames (sync word FFFB).
  expect(ts.includes(Buffer.from([0xff, 0xfb, 0x10, 0xc0]))).toBe(true);
}

describe('a live stream on the built-in emulator', () => {
  it('shows RTMP as live on the card promptly, and the HLS link plays until the stream stops', async () => {
    const from = rig.transcript().length;
    const out = await rig.run('/video live start --rtmp rtmp://a.example.com/live2 sk-SECRET-1 --hls');
    expect(out).toContain('took the meeting live');
    // Without a status callback the card would say "(connecting)" until the next reconciliation.
    await rig.waitFor(/RTMP rtmp:\/\/a\.example\.com\/live2 \(live\)/, from);

    const m = await rig.meeting();
    const [broadcast] = await rig.app.store.listBroadcasts(m.id);
    expect(broadcast!.rtmp).toMatchObject([{ status: 'live' }]);
    const hls = broadcast!.hlsUrl!;
    const playlist = await fetch(hls);
    expect(playlist.status).toBe(200);
    expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = await playlist.text();
    expect(text).toMatch(
      /^#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:\d+\n#EXT-X-MEDIA-SEQUENCE:\d+\n/,
    );
    expect(text).not.toContain('#EXT-X-ENDLIST');
    const segmentName = /^seg-\d+\.ts$/m.exec(text)![0];
    const seg = await fetch(new URL(segmentName, hls));
    expect(seg.status).toBe(200);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    checkTransportStream(Buffer.from(await seg.arrayBuffer()));
    expect((await fetch(new URL('seg-999999.ts', hls))).status).toBe(404);

    expect(await rig.run('/video live stop')).toContain('stopped the live stream');
    const after = await fetch(hls);
    expect(after.status).toBe(404);
    expect(after.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await after.text()).toBe('This live stream has ended.\n');
  });

  it('sim says what is published', async () => {
    expect(await rig.run('sim join Bo')).toMatch(/^Bo joined/);
    expect(await rig.run('sim publish Bo --audio-only')).toMatch(/^Bo is publishing audio only \(no video\)/);
    const m = await rig.meeting();
    const streams = (await rig.app.store.listStreams(m.id)).filter((s) => s.name === 'Bo');
    expect(streams).toMatchObject([{ videoType: null }]);
  });
});
