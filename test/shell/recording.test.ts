import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type ShellRig } from './harness.js';

describe('recording through the shell', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
    await rig.run('as Hana', '/video start Standup', 'sim join Alice', 'sim publish Alice');
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('refuses bad record options with one sentence and the usage, without a Video API call', async () => {
    const before = rig.callCount();
    const out = await rig.run(
      '/video record start --audio-only --video-only',
      '/video record start --individual --layout pip',
      '/video record start --layout custom',
      '/video record start --resolution 1x1',
      '/video record start --layuot pip',
      '/video record',
      '/video record strat',
    );
    expect(out).toContain('✗ Use `--audio-only` or `--video-only`, not both.');
    expect(out).toContain(
      '✗ `--individual` records each stream separately, so `--layout` and `--resolution` do not apply.',
    );
    expect(out).toContain('✗ A custom layout needs a stylesheet');
    expect(out).toContain('✗ `--resolution` must be one of `640x480`');
    expect(out).toContain('✗ `record start` has no option `--layuot`; did you mean `--layout`?');
    expect(out).toContain('✗ `record` needs a subcommand: use `start` or `stop`.');
    expect(out).toContain('✗ `record` has no `strat`: use `start` or `stop` (did you mean `record start`?).');
    expect(rig.callCount()).toBe(before);
  });

  it('record stop when nothing records says so', async () => {
    expect(await rig.run('/video record stop')).toContain('✗ The meeting is not being recorded.');
  });

  it('record start announces in the channel, the card shows it, a second start is refused', async () => {
    const from = rig.transcript().length;
    const out = await rig.run('/video record start "Sprint demo" --layout pip --resolution 1280x720');
    expect(out).toContain('#general:\n  ✓ Hana started recording Sprint demo.');
    const m = await rig.meeting();
    const [rec] = await rig.app.store.listRecordings(m.id);
    expect(rec).toMatchObject({
      name: 'Sprint demo',
      status: 'started',
      outputMode: 'composed',
      startedBy: 'hana',
    });
    const archive = rig.app.emulator!.snapshot(m.sessionId).archives[0]!;
    expect(archive).toMatchObject({ name: 'Sprint demo', resolution: '1280x720' });
    await rig.waitFor(
      /Standup: Recording started \(`Sprint demo`\)\n[\s\S]*now: \[\d+\.\d+\] Stop recording/,
      from,
    );
    expect(await rig.run('/video record start')).toContain(
      '✗ The meeting is already being recorded; stop it with `/video record stop`.',
    );
  });

  it('record stop, then the availability follow-up gives a fresh download link on click', async () => {
    const from = rig.transcript().length;
    const out = await rig.run('/video record stop');
    expect(out).toMatch(
      /✓ Hana stopped the recording \(\d+s\)\. A message here will say when it is ready to download\./,
    );
    const follow = await rig.waitFor(
      /message posted:\n {2}Recording available[\s\S]*\[\d+\.1\] Get download link/,
      from,
    );
    expect(follow).toContain('Sprint demo');
    const get = /\[(\d+\.1)\] Get download link/.exec(follow)![1]!;
    // Card edits printed after the follow-up do not take its button: its number stays its own.
    await rig.run('sim join Dora', 'sim publish Dora');
    await rig.waitFor(/Standup: Dora joined/, from);
    const link = await rig.run('as Alice', `press ${get}`);
    expect(link).toMatch(/\(only you see this\)\n {2}i Sprint demo[\s\S]*→ Download the recording: http/);
    const mark = rig.transcript().length;
    await rig.run('as Hana', 'sim leave Dora');
    await rig.waitFor(/Standup: Dora left/, mark);
  });

  it('recordings lists them with download buttons; recording link works by ID', async () => {
    const m = await rig.meeting();
    const [rec] = await rig.app.store.listRecordings(m.id);
    const out = await rig.run('/video recordings --count 5');
    expect(out).toMatch(
      new RegExp(`• Sprint demo — (available|uploaded), \\d+s, [\\d.]+ [KMG]?B · \`${rec!.id}\``),
    );
    const download = /\[(\d+\.\d+)\] Download Sprint demo/.exec(out)![1]!;
    expect(await rig.run(`press ${download}`)).toContain('→ Download the recording: http');
    expect(await rig.run(`/video recording link ${rec!.id}`)).toContain('→ Download the recording: http');
    expect(await rig.run('/video recordings --count 0', '/video recordings --count many')).toMatch(
      /`--count` must be between 1 and 50\.[\s\S]*`--count` must be a whole number\./,
    );
  });

  it('recordings delete checks the ID belongs to the meeting, then deletes', async () => {
    const m = await rig.meeting();
    const [rec] = await rig.app.store.listRecordings(m.id);
    expect(await rig.run('/video recordings delete not-an-id!')).toContain(
      '✗ `<id>` must be a recording ID from `/video recordings`.',
    );
    expect(await rig.run('/video recordings delete 00000000-0000-4000-8000-000000000000')).toContain(
      '✗ There is no recording `00000000-0000-4000-8000-000000000000` in this meeting',
    );
    expect(await rig.run('as Alice', `/video recordings delete ${rec!.id}`)).toContain(
      "Only the meeting's host or a moderator can use `recordings delete`.",
    );
    expect(await rig.run('as Hana', `/video recordings delete ${rec!.id}`)).toContain(
      '✓ Deleted the recording **Sprint demo**.'.replace(/\*\*/g, ''),
    );
    expect((await rig.app.store.getRecording(rec!.id))?.status).toBe('deleted');
    expect(await rig.run('/video recordings')).toContain('No recordings yet');
  });

  it('individual, audio-only and manual-stream recordings reach the API as asked', async () => {
    const m = await rig.meeting();
    await rig.run('/video record start --individual --audio-only');
    await rig.run('/video record stop');
    await rig.run('/video record start --manual-streams');
    const archives = rig.app.emulator!.snapshot(m.sessionId).archives;
    expect(archives.find((a) => a.outputMode === 'individual')).toMatchObject({
      hasVideo: false,
      hasAudio: true,
    });
    const manual = archives.find((a) => a.streamMode === 'manual');
    expect(manual).toBeDefined();
    expect(rig.calls.get('addArchiveStream')).toBe(1);
    await rig.run('/video record stop');
  });
});
