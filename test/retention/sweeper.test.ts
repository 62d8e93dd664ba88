import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { replicaId } from '../../src/replica/holder.js';
import { RetentionSweeper } from '../../src/retention/sweeper.js';
import type { RecordingRecord } from '../../src/store/types.js';
import { isVideoError } from '../../src/video/errors.js';
import { startRig, type ShellRig } from '../shell/harness.js';
import { eventually } from '../support/eventually.js';

// RECORDING_RETENTION_DAYS on the emulator, through the console: the replica holding the lease
// deletes a recording older than the retention period from the Video API and marks it, once; the
// library then says "deleted after N days" and a link is no longer offered.

const DAY = 86_400_000;

describe('recording retention', () => {
  let rig: ShellRig;
  let old: RecordingRecord;
  let fresh: RecordingRecord;
  beforeAll(async () => {
    rig = await startRig({ RECORDING_RETENTION_DAYS: '30' });
    expect(rig.app.config.recordingRetentionDays).toBe(30);
    await rig.run('as Hana', '/video start Weekly', 'sim join Alice', 'sim publish Alice');
    const m = await rig.meeting();
    for (const name of ['Old', 'Fresh']) await rig.run(`/video record start ${name}`, '/video record stop');
    const recs = await eventually(async () => {
      const r = await rig.app.store.listRecordings(m.id);
      return r.length === 2 && r.every((x) => x.status === 'available') ? r : null;
    }, 'two available recordings');
    [old, fresh] = [recs.find((r) => r.name === 'Old')!, recs.find((r) => r.name === 'Fresh')!];
    await rig.run('/video end');
    // The recap is in the card's thread before the sweep, so the sweep's edit of it is what is seen.
    await rig.waitFor(/reply posted under card[\s\S]*Recap: Weekly/);
    // The first recording was made 31 days ago (as far as the store knows).
    await rig.app.store.upsertRecording({ ...old, createdAt: Date.now() - 31 * DAY, seq: old.seq + 1 });
  }, 60_000);
  afterAll(async () => rig?.stop());

  it('deletes the old archive from the Video API once, on the replica holding the lease', async () => {
    const sweeper = (holder: string) =>
      new RetentionSweeper({
        store: rig.app.store,
        video: rig.app.ctx.video,
        log: silentLogger,
        days: 30,
        holder,
      });
    // The app's own sweeper took the lease when it started (before the recording was backdated):
    // this process, the same replica, sweeps now; another replica does not.
    const from = rig.transcript().length;
    const a = sweeper(replicaId());
    const b = sweeper('another-replica');
    expect(await a.runOnce()).toBe(1);
    // Another replica does nothing while the lease is held; a second pass finds nothing left.
    expect(await b.runOnce()).toBe(0);
    expect(await a.runOnce()).toBe(0);
    const gone = await rig.app.ctx.video.getArchive(old.id).then(
      (x) => x.status,
      (err: unknown) => (isVideoError(err, 'not_found') ? 'not_found' : 'error'),
    );
    expect(['deleted', 'not_found']).toContain(gone);
    expect((await rig.app.ctx.video.getArchive(fresh.id)).status).toBe('available');
    expect(await rig.app.store.getRecording(old.id)).toMatchObject({ status: 'deleted', retentionDays: 30 });
    expect((await rig.app.store.getRecording(fresh.id))?.status).toBe('available');
    await b.stop();
    // The meeting's recap in the card's thread is edited to say so.
    const recap = await rig.waitFor(/reply updated:[\s\S]*Old[^\n]*deleted after 30 days/, from);
    expect(recap).toContain('Fresh');
  });

  it('the library says the recording was deleted after 30 days and offers no link for it', async () => {
    const out = await rig.run('/video recordings');
    expect(out).toContain(`• Old — Weekly`);
    expect(out).toContain('deleted after 30 days');
    expect(out).toContain('Get link: Fresh');
    expect(out).not.toContain('Get link: Old');
    expect(await rig.run(`/video recording link ${old.id}`)).toContain(
      'The recording Old was deleted after 30 days (the retention period).',
    );
  });
});
