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
