// Group commit: units of one event-loop turn form one group; units that arrive while a group is
// being flushed form the next; a failing flush rejects only its own group.

import { describe, expect, it } from 'vitest';
import { GroupCommit, type Unit } from '../../src/store/group-commit.js';
import type { StoreWrite } from '../../src/store/types.js';

const audit = (n: number): StoreWrite => ({
  kind: 'audit',
  entry: {
    meetingId: null,
    platform: 'slack',
    actorId: `U${n}`,
    actorName: 'A',
    action: 'x',
    target: null,
    outcome: 'ok',
    detail: null,
    at: n,
  },
});

function recorder(fail?: (group: Unit[]) => boolean, spacingMs = 0) {
  const groups: number[][] = [];
  const starts: number[] = [];
  let release: () => void = () => undefined;
  let hold: Promise<void> | null = null;
  const gc = new GroupCommit(
    async (units) => {
      groups.push(units.map((u) => (u.writes[0] as { entry: { at: number } }).entry.at));
      starts.push(performance.now());
      if (hold) await hold;
      if (fail?.(units)) throw new Error('disk on fire');
      for (const u of units) u.resolve(u.writes.map(() => true));
    },
    Date.now,
    spacingMs,
  );
  return {
    gc,
    groups,
    starts,
    holdNext() {
      hold = new Promise((r) => (release = r));
    },
    release: () => {
      hold = null;
      release();
    },
  };
}

describe('GroupCommit', () => {
  it('commits the units of one turn as one group and later turns as later groups', async () => {
    const r = recorder();
    const first = [1, 2, 3].map((n) => r.gc.commit([audit(n)]));
    expect(r.groups).toEqual([]);
    expect(await Promise.all(first)).toEqual([[true], [true], [true]]);
    await r.gc.commit([audit(4)]);
    expect(r.groups).toEqual([[1, 2, 3], [4]]);
  });

  it('gathers units that arrive during a flush into the next group', async () => {
    const r = recorder();
    r.holdNext();
    const a = r.gc.commit([audit(1)]);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3].map((n) => r.gc.commit([audit(n)]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(r.groups).toEqual([[1]]);
    r.release();
    await Promise.all([a, ...later]);
    expect(r.groups).toEqual([[1], [2, 3]]);
  });

  it('with spacing, starts a group at once when none ran lately and gathers later turns until the interval ends', async () => {
    // Wide margins: a timer may fire a millisecond early, and a loaded host runs a turn late.
    const r = recorder(undefined, 200);
    const t0 = performance.now();
    await r.gc.commit([audit(1)]);
    // Nothing ran before: the first unit went in the next turn, not after the interval.
    expect(r.starts[0]! - t0).toBeLessThan(100);
    // Three more units in three separate turns, all within the interval: one group, at its end.
    const later: Array<Promise<boolean[]>> = [];
    for (const n of [2, 3, 4]) {
      later.push(r.gc.commit([audit(n)]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(r.groups).toEqual([[1]]);
    await Promise.all(later);
    expect(r.groups).toEqual([[1], [2, 3, 4]]);
    expect(r.starts[1]! - r.starts[0]!).toBeGreaterThanOrEqual(190);
    // Once the interval has passed with nothing to do, a unit goes at once again.
    await new Promise((resolve) => setTimeout(resolve, 210));
    const t1 = performance.now();
    await r.gc.commit([audit(5)]);
    expect(r.starts[2]! - t1).toBeLessThan(100);
  });

  it('rejects every unit of a group whose flush failed, and only those', async () => {
    const r = recorder((units) => units.length === 2);
    const bad = [1, 2].map((n) => r.gc.commit([audit(n)]).catch((e: Error) => e.message));
    expect(await Promise.all(bad)).toEqual(['disk on fire', 'disk on fire']);
    expect(await r.gc.commit([audit(3)])).toEqual([true]);
  });

  it('splits a very large turn into groups of bounded size', async () => {
    const r = recorder();
    await Promise.all(Array.from({ length: 600 }, (_, n) => r.gc.commit([audit(n)])));
    expect(r.groups.map((g) => g.length)).toEqual([256, 256, 88]);
  });

  it('flushes what is queued on close and refuses what comes after', async () => {
    const r = recorder();
    const queued = r.gc.commit([audit(1)]);
    await r.gc.close();
    expect(await queued).toEqual([true]);
    await expect(r.gc.commit([audit(2)])).rejects.toMatchObject({ code: 'unavailable' });
  });
});
