import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../commands/work-queue.js';

describe('WorkQueue', () => {
  it('runs tasks in order, reports idle, and reports full past maxPending', async () => {
    const q = new WorkQueue({ startsPerTurn: 1, maxRunning: 1, maxPending: 2 });
    const order: number[] = [];
    for (const i of [1, 2, 3]) q.run(async () => void order.push(i));
    expect(q.full).toBe(true);
    await q.idle();
    expect(order).toEqual([1, 2, 3]);
    expect(q.full).toBe(false);
  });

  it('reports full once the oldest queued task has waited maxWaitMs, whatever the count', async () => {
    let now = 0;
    const q = new WorkQueue({ startsPerTurn: 1, maxRunning: 1, maxWaitMs: 1000, now: () => now });
    let release!: () => void;
    q.run(() => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setImmediate(r)); // the first task runs and holds the only slot
    q.run(async () => undefined);
    now = 999;
    q.run(async () => undefined);
    expect(q.full).toBe(false); // two queued, the older 999 ms old
    now = 1000;
    expect(q.full).toBe(true);
    release();
    // The finished task frees its slot in a microtask and the next starts on the following turn.
    for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
    expect(q.full).toBe(false);
    await q.idle();
    expect(q.full).toBe(false);
  });

  it('keeps order, counts and ages right across the cuts of its arrays (thousands queued)', async () => {
    let now = 0;
    const q = new WorkQueue({ startsPerTurn: 7, maxRunning: 3, maxPending: 5000, now: () => now });
    const order: number[] = [];
    for (let i = 0; i < 4999; i++) {
      q.run(async () => void order.push(i));
      now++; // task i was queued at time i
    }
    expect(q.full).toBe(false);
    q.run(async () => void order.push(4999));
    expect(q.full).toBe(true); // 5,000 queued
    while (order.length < 3000) await new Promise((r) => setImmediate(r));
    expect(q.full).toBe(false);
    // The oldest still queued was queued at order.length or a little later (up to 3 are running).
    const oldest = order.length;
    now = oldest + 5000 - 1;
    expect(q.full).toBe(false);
    now = oldest + 5000 + 3;
    expect(q.full).toBe(true);
    now = 0;
    await q.idle();
    expect(order).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(q.full).toBe(false);
  });

  it('keeps going after a task fails', async () => {
    const q = new WorkQueue();
    const done: string[] = [];
    q.run(async () => {
      throw new Error('boom');
    });
    q.run(async () => void done.push('next'));
    await q.idle();
    expect(done).toEqual(['next']);
  });

  it('drops a task whose reply target expired while it waited, and says so', async () => {
    let now = 0;
    const q = new WorkQueue({ startsPerTurn: 1, maxRunning: 1, now: () => now });
    const ran: string[] = [];
    let release!: () => void;
    q.run(() => new Promise<void>((r) => (release = r)));
    q.run(
      async () => void ran.push('late'),
      100,
      () => ran.push('expired'),
    );
    q.run(
      async () => void ran.push('fresh'),
      10_000,
      () => ran.push('expired too'),
    );
    await new Promise((r) => setImmediate(r));
    now = 200;
    release();
    await q.idle();
    expect(ran).toEqual(['expired', 'fresh']);
  });
});
