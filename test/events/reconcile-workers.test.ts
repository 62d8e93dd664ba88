import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passWorkers, Reconciler } from '../../src/events/reconcile.js';
import { createLogger } from '../../src/log.js';
import { startHarness, type Harness } from './harness.js';

// A pass must end within its interval for docs/TRUTH.md's "I + E" to hold; with the real API's
// latency (~300 ms per meeting) a fixed 4 meetings at once did not past ~800 meetings.
describe('how many meetings a reconciliation pass checks at once', () => {
  it('keeps the minimum for a few meetings', () => {
    expect(passWorkers(0, 60_000, 4)).toBe(4);
    expect(passWorkers(150, 60_000, 4)).toBe(4);
  });

  it('grows with the meetings so that they take about a quarter of the interval', () => {
    // 60 s: 50 meetings per worker (15 s at 300 ms each).
    expect(passWorkers(201, 60_000, 4)).toBe(5);
    expect(passWorkers(1000, 60_000, 4)).toBe(20);
    // A shorter interval gives each worker fewer meetings.
    expect(passWorkers(100, 6000, 4)).toBe(20);
    expect(passWorkers(100, 6000, 1)).toBe(20);
  });

  it('never exceeds 32, nor goes under the configured minimum', () => {
    expect(passWorkers(100_000, 60_000, 4)).toBe(32);
    expect(passWorkers(5, 1000, 8)).toBe(8);
    expect(passWorkers(10, 1000, 8)).toBe(10); // one meeting per worker at a 1 s interval
    expect(passWorkers(1, 1000, 1)).toBe(1);
  });
});

describe('a reconciliation pass that outlasts its interval', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says so in the log, with how many meetings, how many at once and how long', async () => {
    await h.meeting('Slow pass');
    const lines: string[] = [];
    let clock = 1_000_000;
    // Every reading of the clock is a second later: the pass "takes" longer than its 1 s interval.
    const now = () => (clock += 1000);
    const reconciler = new Reconciler({
      store: h.store,
      video: h.video,
      cards: h.cards,
      log: createLogger({ level: 'warn', write: (l) => lines.push(l) }),
      now,
      intervalMs: 1000,
      skewMs: 0,
    });
    await reconciler.runOnce();
    await reconciler.stop();
    const warned = lines.map((l) => JSON.parse(l)).find((r) => /longer than its interval/.test(r.msg));
    expect(warned).toMatchObject({ level: 'warn', meetings: 1, workers: 4, intervalMs: 1000 });
    expect(warned.tookMs).toBeGreaterThan(1000);
  });
});
