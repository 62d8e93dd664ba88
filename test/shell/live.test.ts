import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type ShellRig } from './harness.js';

const KEY = 'sk-live-7f3a9c-SECRET';

describe('live streaming, layout and focus through the shell', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
    await rig.run(
      'as Hana',
      '/video start Town hall',
      'sim join Alice',
      'sim publish Alice',
      'sim join Bob',
      'sim publish Bob',
    );
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('refuses bad live options without calling the Video API and never repeats a stream key', async () => {
    const before = rig.callCount();
    const out = await rig.run(
      '/video live start',
      `/video live start --rtmp http://example.com/live ${KEY}`,
      '/video live start --rtmp rtmp://example.com/live',
      `/video live start --dvr --rtmp rtmp://a.example/live ${KEY}`,
      '/video live start --hls --dvr --low-latency',
      '/video live start --hls --max-duration 30',
      '/video live start --hls --max-duration soon',
      `/video live start ${Array.from({ length: 6 }, (_, i) => `--rtmp rtmp://h${i}.example/live k${i}`).join(' ')}`,
    );
    expect(out).toContain('✗ Say where to stream: `--rtmp URL KEY` (up to 5) and/or `--hls`.');
    expect(out).toContain(
      '✗ `--rtmp` needs an `rtmp://` or `rtmps://` server URL followed by the stream key.',
    );
    expect(out).toContain('✗ `--rtmp` needs a URL and a stream key.');
    expect(out).toContain('✗ `--dvr` and `--low-latency` apply to HLS: add `--hls`.');
    expect(out).toContain('✗ HLS can have `--dvr` or `--low-latency`, not both.');
    expect(out).toContain('✗ `--max-duration` must be between 60 and 36000 seconds.');
    expect(out).toContain('✗ `--max-duration` must be a number of seconds.');
    expect(out).toContain('✗ `--rtmp` can be given at most 5 times.');
    expect(out).not.toContain(KEY);
    expect(rig.callCount()).toBe(before);
  });

  it('live start sends RTMP and HLS outputs; the key reaches Vonage but no card, reply, store row or audit entry', async () => {
    const from = rig.transcript().length;
    const out = await rig.run(
      `/video live start --rtmp rtmps://a.rtmp.example.com/live2 ${KEY} --hls --low-latency --max-duration 600 --resolution 1920x1080`,
    );
    expect(out).toContain('✓ Hana took the meeting live: HLS, rtmps://a.rtmp.example.com/live2.');
    const m = await rig.meeting();
    const cast = rig.app.emulator!.snapshot(m.sessionId).broadcasts[0]!;
    expect(JSON.stringify(cast)).toContain(KEY);
    expect(cast).toMatchObject({ maxDuration: 600, resolution: '1920x1080' });
    const card = await rig.waitFor(
      /Town hall: Live started \(HLS, RTMP rtmps:\/\/a\.rtmp\.example\.com\/live2[^\n]*\)\n[\s\S]*Town hall: Watch \(HLS\): http[\s\S]*now: [^\n]*Stop live/,
      from,
    );
    expect(card).not.toContain(KEY);
    const [stored] = await rig.app.store.listBroadcasts(m.id);
    expect(stored!.rtmp).toEqual([
      expect.objectContaining({ serverUrl: 'rtmps://a.rtmp.example.com/live2' }),
    ]);
    expect(JSON.stringify(stored)).not.toContain(KEY);
    expect(JSON.stringify(await rig.app.store.listAudit(m.id))).not.toContain(KEY);
    expect(rig.transcript()).not.toContain(KEY);
    expect(await rig.run('/video live start --hls')).toContain(
      '✗ The meeting is already live; stop it with `/video live stop`.',
    );
  });

  it('layout applies to the running recording and broadcast and is kept for later ones', async () => {
    const m = await rig.meeting();
    await rig.run('/video record start');
    const out = await rig.run('/video layout horizontalPresentation');
    expect(out).toContain(
      '✓ Hana set the layout to `horizontalPresentation`; applied to the recording and the live stream.',
    );
    expect(rig.calls.get('setArchiveLayout')).toBe(1);
    expect(rig.calls.get('setBroadcastLayout')).toBe(1);
    expect((await rig.app.store.getMeeting(m.id))!.layout).toEqual({ type: 'horizontalPresentation' });
    const custom = await rig.run('/video layout custom --stylesheet "stream.focus { width: 100%; }"');
    expect(custom).toContain('set the layout to `custom`');
    expect((await rig.app.store.getMeeting(m.id))!.layout).toEqual({
      type: 'custom',
      stylesheet: 'stream.focus { width: 100%; }',
    });
  });

  it('refuses layouts that cannot work', async () => {
    const before = rig.callCount();
    const out = await rig.run(
      '/video layout',
      '/video layout grid',
      '/video layout custom',
      '/video layout pip --stylesheet x',
      '/video layout pip --screenshare pip',
      '/video layout bestFit --screenshare custom',
    );
    expect(out).toContain('✗ `<type>` is required.');
    expect(out).toContain('✗ `<type>` must be one of `bestFit`, `pip`');
    expect(out).toContain('✗ A `custom` layout needs `--stylesheet CSS`.');
    expect(out).toContain('✗ `--stylesheet` applies only to the `custom` layout.');
    expect(out).toContain('✗ `--screenshare` works only with the `bestFit` layout.');
    expect(out).toContain(
      '✗ `--screenshare` must be one of `bestFit`, `pip`, `verticalPresentation`, `horizontalPresentation`.',
    );
    expect(rig.callCount()).toBe(before);
  });

  it('focus gives one person the focus class and takes it from the rest', async () => {
    const m = await rig.meeting();
    const out = await rig.run('/video focus bob');
    expect(out).toContain('✓ Hana put Bob in focus.');
    const streams = rig.app.emulator!.snapshot(m.sessionId).streams;
    expect(streams.find((s) => s.name === 'Bob')!.layoutClassList).toEqual(['focus']);
    expect(streams.find((s) => s.name === 'Alice')!.layoutClassList).toEqual([]);
    expect(await rig.run('/video focus Zed')).toContain('✗ Nobody matching `Zed` is in the meeting');
  });

  it('live stop stops the broadcast; stopping again says it is not live', async () => {
    const from = rig.transcript().length;
    expect(await rig.run('/video live stop')).toContain('✓ Hana stopped the live stream.');
    await rig.waitFor(/Town hall: Live stopped\n[\s\S]*now: [^\n]*Go live…/, from);
    expect(await rig.run('/video live stop')).toContain('✗ The meeting is not live.');
  });
});
