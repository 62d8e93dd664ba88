// Group commit: units of work committed in the same event-loop turn share one transaction (each in
// its own savepoint), so a burst of callbacks or commands costs one durable commit instead of one
// each. One group is in flight at a time; units arriving meanwhile form the next group. A backend
// whose flush is synchronous (SQLite) never has a group in flight when the next unit arrives, so
// it may also space its groups: a unit arriving within `spacingMs` of the last group's start waits
// for the rest of that interval (and whatever else arrives in it), one arriving later goes at once.

import { StoreBusyError, StoreUnavailableError } from './errors.js';
import type { CommitOptions, StoreWrite } from './types.js';

/** One caller's unit of work, waiting for its group's transaction. */
export interface Unit {
  writes: readonly StoreWrite[];
  /** Epoch ms after which the caller would rather hear "busy" than keep waiting for the lock. */
  deadline: number;
  /** The caller set the deadline: past it, a unit still queued is refused without running. */
  strict?: boolean;
  /** Told when the unit's group starts running. */
  onStart?: () => void;
  resolve(applied: boolean[]): void;
  reject(err: unknown): void;
}

/** Runs one group in one transaction and settles every unit of it (a backend's driver). */
export type FlushGroup = (units: Unit[]) => Promise<void>;

/** Default wait for another process's write lock (see CommitOptions.deadlineMs). */
export const DEFAULT_DEADLINE_MS = 5_000;
/** Largest group: bounds how long one SQLite transaction holds the event loop. */
const MAX_UNITS = 256;

/** Collects units per event-loop turn and hands each group to the backend's flush. */
export class GroupCommit {
  private queue: Unit[] = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;
  private closed = false;
  /** When the last group started (performance.now()), for the spacing. */
  private lastStart = -Infinity;

  /**
   * `now` is the clock of deadlines; `spacingMs` the least time from one group's start to the next
   * one's (0: each event-loop turn's units form a group).
   */
  constructor(
    private readonly flush: FlushGroup,
    private readonly now: () => number = Date.now,
    private readonly spacingMs = 0,
  ) {}

  /** Queues `writes` as one unit; resolves with per-write applied flags once its group committed. */
  commit(writes: readonly StoreWrite[], opts?: CommitOptions): Promise<boolean[]> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('The store is closed.'));
    if (writes.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({
        writes,
        deadline: this.now() + (opts?.deadlineMs ?? DEFAULT_DEADLINE_MS),
        strict: opts?.deadlineMs !== undefined,
        ...(opts?.onStart ? { onStart: opts.onStart } : {}),
        resolve,
        reject,
      });
      this.schedule();
    });
  }

  /** Commits what is queued, then refuses new units (the store is closing). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.queue.length > 0) {
      if (this.flushing) await this.flushing;
      else await this.run();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate, not a microtask: every request handled in this turn of the loop joins the group.
    const wait = this.lastStart + this.spacingMs - performance.now();
    if (wait > 0) setTimeout(() => void this.run(), wait);
    else setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    if (this.flushing || this.queue.length === 0) return;
    // A unit whose caller already answered "busy" must not run later: refused before it starts.
    const now = this.now();
    const group = this.queue.splice(0, MAX_UNITS).filter((u) => {
      if (!u.strict || u.deadline > now) return true;
      u.reject(new StoreBusyError(new Error('the unit waited past its deadline behind other writes')));
      return false;
    });
    if (group.length === 0) {
      if (this.queue.length > 0 && !this.closed) this.schedule();
      return;
    }
    for (const u of group) u.onStart?.();
    this.lastStart = performance.now();
    this.flushing = this.flush(group).catch((err: unknown) => {
      for (const u of group) u.reject(err);
    });
    await this.flushing;
    this.flushing = null;
    if (this.queue.length > 0 && !this.closed) this.schedule();
  }
}
