// Runs store-backed timers: sleeps until the earliest one is due (never longer than a minute, so
// timers planned by another replica are seen), claims each due timer so it fires once across
// replicas, applies the late rule, and stores what the action planned next. Time and sleeping come
// from an injected Scheduler, so tests advance a fake clock instead of waiting.

import { decide, type Timer, type TimerDecision } from './timers.js';

/** The clock and the one-shot wake-ups a TimerLoop uses. */
export interface Scheduler {
  now(): number;
  setTimer(fn: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** The real clock and setTimeout (unref'd, so a pending wake-up never keeps the process alive). */
export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimer(fn, delayMs) {
    const t = setTimeout(fn, delayMs);
    t.unref();
    return t;
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Where timers live; the store implements it. */
export interface TimerStore {
  /**
   * Unfinished timers due at or before `untilMs` that nobody holds (unclaimed, or claimed at or
   * before `staleBefore`), earliest first, at most `limit`.
   */
  dueTimers(untilMs: number, staleBefore: number, limit: number): Promise<Timer[]>;
  /**
   * When the next unfinished timer can be run: its fire time, or for a claimed one the moment its
   * claim goes stale (`claimedAt + staleMs`) if that is later; null when there are none.
   */
  nextTimerAt(staleMs: number): Promise<number | null>;
  /**
   * Claims an unfinished timer for `owner`: true for one caller only, until the claim was made at
   * or before `staleBefore` (its owner died mid-action), when another caller may take it over.
   */
  claimTimer(id: string, owner: string, now: number, staleBefore: number): Promise<boolean>;
  /** Marks a claimed timer done (fired or skipped) and adds the timers its action planned, at once. */
  finishTimer(
    id: string,
    outcome: 'fired' | 'skipped',
    now: number,
    planned: readonly Timer[],
  ): Promise<void>;
}

/** Does what a due timer asks (post, plan the next occurrence) and returns the timers it planned. */
export type TimerAction = (decision: TimerDecision & { action: 'fire' }) => Promise<readonly Timer[]>;

/** Options of a {@link TimerLoop}. */
export interface TimerLoopOptions {
  store: TimerStore;
  action: TimerAction;
  /** This replica's name in claims. */
  owner: string;
  scheduler?: Scheduler;
  /** Longest sleep, so timers another replica planned are picked up (default 60 s). */
  maxSleepMs?: number;
  /** A claim older than this is taken over (default 2 minutes). */
  claimStaleMs?: number;
  /** Told of a failed action or store call; the loop goes on (a failed action is retried once stale). */
  onError?: (err: unknown, timer?: Timer) => void;
  /** Told of every decision made, for logs and tests. */
  onDecision?: (decision: TimerDecision) => void;
}

const BATCH = 50;
const CLAIM_STALE_MS = 120_000;
const RETRY_MS = 1_000;

/** Fires store-backed timers once each across replicas; start it on the lease holder. */
export class TimerLoop {
  private readonly scheduler: Scheduler;
  private wake: unknown;
  private running = false;
  private pass: Promise<void> = Promise.resolve();
  private again = false;

  constructor(private readonly opts: TimerLoopOptions) {
    this.scheduler = opts.scheduler ?? systemScheduler;
  }

  /** Starts (or restarts) the loop with a pass now. */
  start(): void {
    this.running = true;
    this.poke();
  }

  /** Stops the loop; a pass in progress finishes its current timer. */
  stop(): void {
    this.running = false;
    if (this.wake !== undefined) this.scheduler.clearTimer(this.wake);
    this.wake = undefined;
  }

  /** Runs a pass soon (call after planning a timer that may be earlier than the armed wake-up). */
  poke(): void {
    if (!this.running) return;
    this.again = true;
    this.pass = this.pass.then(() => this.drain());
  }

  /** Resolves when the passes asked for so far have finished (for tests and shutdown). */
  settled(): Promise<void> {
    return this.pass;
  }

  private async drain(): Promise<void> {
    while (this.again && this.running) {
      this.again = false;
      await this.runPass().catch((err: unknown) => this.opts.onError?.(err));
    }
    if (this.running) await this.arm().catch((err: unknown) => this.opts.onError?.(err));
  }

  private async runPass(): Promise<void> {
    const { store, owner } = this.opts;
    const staleMs = this.opts.claimStaleMs ?? CLAIM_STALE_MS;
    for (;;) {
      const now = this.scheduler.now();
      const batch = await store.dueTimers(now, now - staleMs, BATCH);
      let claimed = 0;
      for (const timer of batch) {
        if (!this.running) return;
        const at = this.scheduler.now();
        if (!(await store.claimTimer(timer.id, owner, at, at - staleMs))) continue;
        claimed++;
        await this.run(timer, at);
      }
      if (batch.length < BATCH || claimed === 0) return;
    }
  }

  private async run(timer: Timer, now: number): Promise<void> {
    const decision = decide(timer, now);
    this.opts.onDecision?.(decision);
    try {
      const planned = decision.action === 'fire' ? await this.opts.action(decision) : [];
      await this.opts.store.finishTimer(
        timer.id,
        decision.action === 'fire' ? 'fired' : 'skipped',
        now,
        planned,
      );
    } catch (err) {
      this.opts.onError?.(err, timer);
    }
  }

  private async arm(): Promise<void> {
    const next = await this.opts.store.nextTimerAt(this.opts.claimStaleMs ?? CLAIM_STALE_MS);
    if (!this.running) return;
    const now = this.scheduler.now();
    const maxSleep = this.opts.maxSleepMs ?? 60_000;
    // A timer due already after a pass is held by another replica: look again in a second.
    const delay = next === null ? maxSleep : next > now ? Math.min(maxSleep, next - now) : RETRY_MS;
    if (this.wake !== undefined) this.scheduler.clearTimer(this.wake);
    this.wake = this.scheduler.setTimer(() => {
      this.wake = undefined;
      this.poke();
    }, delay);
  }
}
