import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingRecord } from '../../src/store/types.js';
import { startRig, type ShellRig } from './harness.js';

// The recordings library through the console, on the emulator: it lists a channel's recordings
// after the meeting ended, pages them, hands links to the host, attendees and the channel, and
// refuses a stranger.

async function until<T>(what: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the recordings library through the shell', () => {
  let rig: ShellRig;
  let meetingId: string;
  let recs: RecordingRecord[];
  beforeAll(async () => {
    rig = await startRig();
    await rig.run('as Hana', '/video start Weekly', 'sim join Alice', 'sim publish Alice');
    const m = await rig.meeting();
    meetingId = m.id;
    for (const n of [1, 2, 3, 4, 5]) await rig.run(`/video record start "Part ${n}"`, '/video record stop');
    recs = await until(async () => {
      const all = await rig.app.store.listRecordings(m.id);
      return all.length === 5 && all.every((r) => r.status === 'available') ? all : undefined;
    });
    expect(await rig.app.store.hasAttended(m.id, 'alice')).toBe(true);
    const from = rig.transcript().length;
    await rig.run('/video end');
    expect((await rig.app.store.getMeeting(m.id))?.status).toBe('ended');
    // The recap is printed under the card once; later output is then only what each line asks for.
    await rig.waitFor(/reply posted under card/, from);
  }, 60_000);
  afterAll(async () => {
    await rig.stop();
  });

  it('lists the channel’s recordings after the meeting, newest first, paged with Next and Previous', async () => {
    const first = await rig.run('/video recordings');
    expect(first).toContain('Recordings in this channel');
    expect(first).toMatch(/• Part 5 — Weekly, [\d-]+ [\d:]+ UTC — available[\s\S]*• Part 2 — Weekly/);
    expect(first).not.toContain('Part 1');
    expect(first).toContain('Page 1 of 2 · 5 recordings');
    const next = /\[(\d+\.\d+)\] Next/.exec(first)![1]!;
    const second = await rig.run(`press ${next}`);
    expect(second).toContain('• Part 1 — Weekly');
    expect(second).not.toContain('Part 2');
    expect(second).toContain('Page 2 of 2');
    const previous = /\[(\d+\.\d+)\] Previous/.exec(second)![1]!;
    expect(await rig.run(`press ${previous}`)).toContain('• Part 5 — Weekly');
    expect(await rig.run('/video recordings 3')).toContain('There are only 2 pages.');
    const narrowed = await rig.run(`/video recordings --meeting ${meetingId} --count 10`);
    expect(narrowed).toContain('Recordings of this meeting');
    expect(narrowed).toContain('• Part 1 — available');
    expect(await rig.run('/video recordings --meeting nope')).toContain('That meeting has no recordings');
  });

  it('gives the host a link after the meeting, by ID or unambiguous prefix, and the transcript state', async () => {
    const r = recs[0]!;
    expect(await rig.run(`/video recording link ${r.id}`)).toContain('→ Download the recording: http');
    expect(await rig.run(`/video recording link ${r.id.slice(0, 8)}`)).toContain(
      '→ Download the recording: http',
    );
    expect(await rig.run(`/video recording transcript ${r.id}`)).toContain(
      'The recording Part 1 was not transcribed',
    );
    expect(await rig.run('/video recording link zz')).toContain('must be a recording ID');
  });

  it('says a prefix is ambiguous and lists the candidates', async () => {
    const base = { ...recs[0]!, name: 'Twin', status: 'available' };
    await rig.app.store.upsertRecording({ ...base, id: 'abcd0000-0000-4000-8000-000000000001' });
    await rig.app.store.upsertRecording({ ...base, id: 'abcd0000-0000-4000-8000-000000000002' });
    const out = await rig.run('/video recording link abcd0000');
    expect(out).toContain(
      '✗ `abcd0000` matches 2 recordings: `abcd0000-0000-4000-8000-000000000002` (Twin, Weekly)',
    );
    expect(out).toContain('give more of the ID.');
    await rig.run('/video recordings delete abcd0000-0000-4000-8000-000000000001');
    await rig.run('/video recordings delete abcd0000-0000-4000-8000-000000000002');
  });

  it('refuses a stranger in another channel, and gives an attendee the link from anywhere', async () => {
    const id = recs[1]!.id;
    const stranger = await rig.run('as Zed', 'in #random', `/video recording link ${id}`);
    expect(stranger).toContain(
      "✗ Only the meeting's host, moderators, people who attended it and members of its channel can get this recording.",
    );
    expect(stranger).not.toContain('http');
    expect(await rig.run('/video recordings')).toContain('No recordings yet');
    expect(await rig.run(`/video recording transcript ${id}`)).toContain('Only the meeting');
    expect(await rig.run('/video recordings --mine')).toContain(
      'You have not hosted or attended a meeting here yet.',
    );
    expect(await rig.run('as Alice', `/video recording link ${id}`)).toContain(
      '→ Download the recording: http',
    );
    const mine = await rig.run('/video recordings --mine');
    expect(mine).toMatch(/Weekly — [\d-]+ [\d:]+ UTC, hosted by Hana, ended/);
    expect(mine).toContain('• Part 5 — available');
    expect(mine).toContain('Get link: Part 5');
    expect(mine).not.toContain('Delete');
    await rig.run('as Hana', 'in #general');
  });

  it('lets the host delete a recording after the meeting, and not someone else', async () => {
    const r = recs[4]!;
    expect(await rig.run('as Alice', `/video recordings delete ${r.id}`)).toContain(
      "Only the meeting's host or a moderator can use `recordings delete`.",
    );
    expect(await rig.run('as Hana', `/video recordings delete ${r.id.slice(0, 8)}`)).toContain(
      '✓ Deleted the recording Part 5.',
    );
    expect((await rig.app.store.getRecording(r.id))?.status).toBe('deleted');
    expect(await rig.run('/video recordings')).not.toContain('Part 5');
  });

  it('offers a transcribed recording’s transcript, saying when it is not ready, after the meeting', async () => {
    await rig.run('as Hana', 'in #general', '/video start Planning', 'sim join Alice', 'sim publish Alice');
    const m = await rig.meeting();
    await rig.run('/video record start Notes --transcribe', '/video record stop');
    const [rec] = await until(async () => {
      const r = await rig.app.store.listRecordings(m.id);
      return r[0]?.status === 'available' ? r : undefined;
    });
    await rig.run('/video end');
    const t = await rig.app.store.getTranscript(rec!.id);
    expect(t).not.toBeNull();
    if (t!.status !== 'available') {
      const early = await rig.run(`/video recordings --meeting ${m.id}`);
      expect(early).toContain('transcript not ready');
      expect(early).toMatch(/\[\d+\.\d+\] Transcript \(not ready\)/);
      expect(await rig.run(`/video recording transcript ${rec!.id}`)).toContain('is not ready yet');
    }
    await until(async () =>
      (await rig.app.store.getTranscript(rec!.id))?.status === 'available' ? true : undefined,
    );
    const out = await rig.run(`/video recordings --meeting ${m.id}`);
    expect(out).toContain('• Notes — available');
    expect(out).toContain('transcript ready');
    const press = /\[(\d+\.\d+)\] Transcript\b/.exec(out)![1]!;
    expect(await rig.run(`press ${press}`)).toContain('→ Open the transcript: http');
  });
});
