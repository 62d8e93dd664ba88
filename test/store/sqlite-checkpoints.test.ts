// WAL checkpoints from a worker thread (src/store/sqlite/checkpoints.ts) on real SQLite files.

import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { Checkpointer, type CheckpointReport } from '../../src/store/sqlite/checkpoints.js';
import { openStore } from '../../src/store/index.js';
import { meeting } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vc-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A logger that keeps its lines. */
function keptLog() {
  const lines: Array<{ level: string; msg: string; error?: string }> = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('sqlite WAL checkpoints on a thread', () => {
  it('checkpoints from the thread, the WAL starting over, while the store writes; removes the WAL at close', async () => {
    const path = join(dir, 'busy.db');
    const reports: CheckpointReport[] = [];
    const store = await openStore(`sqlite:${path}`, {
      log: keptLog().log,
      sqliteCheckpoints: { afterCommits: 1, intervalMs: 20, onReport: (r) => reports.push(r) },
    });
    await store.createMeeting(meeting({ id: 'm1' }));
    // About a second of writes, each commit in its own turn, as a busy bot's would be.
    const until = Date.now() + 1_000;
    for (let i = 0; Date.now() < until; i++) {
      await store.commit([
        {
          kind: 'connection',
          record: {
            meetingId: 'm1',
            connectionId: `c${i}`,
            kind: 'user',
            userId: `U${i}`,
            name: `Person ${i}`.padEnd(200, '.'),
            joinedAt: i,
            leftAt: null,
            reason: null,
            seq: i,
          },
        },
      ]);
    }
    const done = reports.filter((r) => r.kind === 'checkpoint');
    expect(reports.filter((r) => r.kind === 'error')).toEqual([]);
    expect(done.length).toBeGreaterThan(5);
    // Each report copied everything that was in the WAL when it ran...
    for (const r of done) if (r.kind === 'checkpoint') expect(r.checkpointed).toBe(r.log);
    // ...and the WAL started over in between: its length fell from one report to a later one.
    const lengths = done.map((r) => (r.kind === 'checkpoint' ? r.log : 0));
    expect(lengths.some((n, i) => i > 0 && n < lengths[i - 1]!)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(true);
    await store.close();
    // The thread's connection closed first, so the store's was the last and took the WAL with it.
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(statSync(path).size).toBeGreaterThan(0);
  });

  it('starts no thread for a store that has not committed enough groups yet', async () => {
    const reports: CheckpointReport[] = [];
    const store = await openStore(`sqlite:${join(dir, 'quiet.db')}`, {
      log: keptLog().log,
      sqliteCheckpoints: { afterCommits: 50, intervalMs: 10, onReport: (r) => reports.push(r) },
    });
    await store.createMeeting(meeting({ id: 'm1' }));
    await store.touchMeeting('m1');
    await pause(100);
    expect(reports).toEqual([]);
    await store.close();
  });

  it('warns once and goes back to checkpointing in the commits when the thread cannot open the file', async () => {
    const path = join(dir, 'gone.db');
    const { log, lines } = keptLog();
    const reports: CheckpointReport[] = [];
    const store = await openStore(`sqlite:${path}`, {
      log,
      sqliteCheckpoints: { afterCommits: 2, intervalMs: 10, onReport: (r) => reports.push(r) },
    });
    await store.createMeeting(meeting({ id: 'm1' }));
    // The file goes before the thread starts (the second group commit starts it).
    unlinkSync(path);
    await store.touchMeeting('m1');
    for (let i = 0; i < 100 && reports.length === 0; i++) await pause(10);
    expect(reports).toEqual([{ kind: 'error', message: expect.stringMatching(/unable to open/i) }]);
    const warned = lines.filter((l) => l.level === 'warn');
    expect(warned).toEqual([
      expect.objectContaining({
        msg: 'the WAL checkpoint thread failed; the store checkpoints on its own again',
      }),
    ]);
    // The store still commits (into the unlinked file, which its health check reports).
    await store.touchMeeting('m1');
    await expect(store.probe()).rejects.toThrow(/is gone/);
    await store.close();
  });

  it('stops the thread and warns, without throwing, when the connection cannot finish a checkpoint', async () => {
    const path = join(dir, 'finish.db');
    const store = await openStore(`sqlite:${path}`, { log: keptLog().log, sqliteCheckpoints: false });
    await store.createMeeting(meeting({ id: 'm1' }));
    const { log, lines } = keptLog();
    const sizes: number[] = [];
    const reports: CheckpointReport[] = [];
    const thread = new Checkpointer({
      path,
      log,
      intervalMs: 10,
      setAutocheckpoint: (pages) => sizes.push(pages),
      finish: () => {
        throw new Error('disk I/O error');
      },
      onReport: (r) => reports.push(r),
    });
    try {
      await store.touchMeeting('m1');
      for (let i = 0; i < 100 && reports.length === 0; i++) await pause(10);
      expect(reports[0]).toMatchObject({ kind: 'checkpoint' });
      expect(sizes).toEqual([16_000, 1_000]);
      expect(lines.filter((l) => l.level === 'warn')).toEqual([
        expect.objectContaining({ error: 'disk I/O error' }),
      ]);
    } finally {
      await thread.stop();
      await store.close();
    }
  });
});
