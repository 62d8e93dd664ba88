import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { FollowUpQueue, TOKEN_LIFETIME_MS } from '../../../adapters/discord/work-queue.js';

describe('FollowUpQueue', () => {
  it('runs at most maxConcurrent jobs at once, in order, and drains', async () => {
    const queue = new FollowUpQueue(createLogger({ write: () => {} }), 2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    for (let n = 0; n < 5; n++) {
      queue.push(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(n);
        await new Promise<void>((r) => gates.push(r));
        running--;
      });
    }
    expect(queue.size).toBe(5);
    expect(order).toEqual([0, 1]);
    while (gates.length > 0 || queue.size > 0) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await queue.drain();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('drops work whose interaction token expired while it waited, and logs failures without throwing', async () => {
    const lines: string[] = [];
    let now = 0;
    const queue = new FollowUpQueue(createLogger({ write: (l) => lines.push(l) }), 1, () => now);
    let release!: () => void;
    const ran: string[] = [];
    queue.push(() => new Promise<void>((r) => (release = r)));
    queue.push(async () => void ran.push('late'));
    now = TOKEN_LIFETIME_MS + 1;
    release();
    await queue.drain();
    expect(ran).toEqual([]);
    expect(lines.some((l) => l.includes('token expired'))).toBe(true);
    queue.push(async () => {
      throw new Error('boom');
    });
    await queue.drain();
    expect(lines.some((l) => l.includes('follow-up failed') && l.includes('boom'))).toBe(true);
  });
});
