// Fakes at the boundaries of the timer loop: a clock whose time moves only when the test says so,
// and an in-memory TimerStore with the same claim rules as the SQL one.

import type { Scheduler, TimerLoop, TimerStore } from '../../src/schedule/timer-loop.js';
import type { Timer } from '../../src/schedule/timers.js';

/** A Scheduler whose clock only moves in `advanceTo`, running wake-ups in time order. */
export class FakeScheduler implements Scheduler {
  private wakeUps: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  setTimer(fn: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.wakeUps.push({ at: this.t + delayMs, fn, id });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.wakeUps = this.wakeUps.filter((w) => w.id !== handle);
  }
  /** Wake-ups still armed. */
  get armed(): number {
    return this.wakeUps.length;
  }
  /** Moves the clock to `ms`, running each wake-up at its time and letting the loops finish. */
  async advanceTo(ms: number, loops: readonly TimerLoop[]): Promise<void> {
    await Promise.all(loops.map((l) => l.settled()));
    for (;;) {
      this.wakeUps.sort((a, b) => a.at - b.at);
      const next = this.wakeUps[0];
      if (!next || next.at > ms) break;
      // Every wake-up set for this moment runs before any loop goes on, so replicas race as they would.
      const now = this.wakeUps.filter((w) => w.at === next.at);
      this.wakeUps = this.wakeUps.filter((w) => w.at !== next.at);
      this.t = Math.max(this.t, next.at);
      for (const w of now) w.fn();
      await Promise.all(loops.map((l) => l.settled()));
    }
    this.t = Math.max(this.t, ms);
  }
}

interface Row {
  timer: Timer;
  owner: string | null;
  claimedAt: number | null;
  done: 'fired' | 'skipped' | null;
}

/** An in-memory TimerStore shared by several loops, as one database is shared by replicas. */
export class MemoryTimerStore implements TimerStore {
  readonly rows = new Map<string, Row>();
  add(timers: readonly Timer[]): void {
    for (const timer of timers) {
      if (!this.rows.has(timer.id))
        this.rows.set(timer.id, { timer, owner: null, claimedAt: null, done: null });
    }
  }
  async dueTimers(untilMs: number, staleBefore: number, limit: number): Promise<Timer[]> {
    return [...this.rows.values()]
      .filter(
        (r) => !r.done && r.timer.fireAtMs <= untilMs && (r.claimedAt === null || r.claimedAt <= staleBefore),
      )
      .map((r) => r.timer)
      .sort((a, b) => a.fireAtMs - b.fireAtMs)
      .slice(0, limit);
  }
  async nextTimerAt(staleMs: number): Promise<number | null> {
    const times = [...this.rows.values()]
      .filter((r) => !r.done)
      .map((r) =>
        r.claimedAt === null ? r.timer.fireAtMs : Math.max(r.timer.fireAtMs, r.claimedAt + staleMs),
      );
    return times.length ? Math.min(...times) : null;
  }
  async claimTimer(id: string, owner: string, now: number, staleBefore: number): Promise<boolean> {
    const r = this.rows.get(id);
    if (!r || r.done || (r.claimedAt !== null && r.claimedAt > staleBefore)) return false;
    r.owner = owner;
    r.claimedAt = now;
    return true;
  }
  async finishTimer(id: string, outcome: 'fired' | 'skipped', _now: number, planned: readonly Timer[]) {
    const r = this.rows.get(id);
    if (r) r.done = outcome;
    this.add(planned);
  }
}
