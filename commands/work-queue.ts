// "Ack first, work second" under load: the work that follows an ack (the command, the Video API, the
// reply) starts from setImmediate, a few tasks per event-loop turn, so requests that have already
// arrived are verified and acked before more work begins. A platform therefore never sees a late
// ack (Slack shows it the user as a failure) even in a burst; replies follow as the work catches up.
// The backlog is bounded by time, not only by count: the front door sheds load with an immediate
// "busy" answer once the oldest queued task has waited `maxWaitMs` (its reply would come later than
// a person waits for it), or past `maxPending` tasks (memory). A count alone meant a different
// thing on every host: 5000 tasks were 5 s of work on a slow host and 1.2 s on a fast one, where a
// burst at 0.8 of the floor's capacity was refused "busy" after 2.5 s (docs/bench/discord.md,
// "Stop 31"). A task whose reply target has expired by its turn (a Discord interaction token) is
// dropped.

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** New tasks started per event-loop turn (default 4). */
  startsPerTurn?: number;
  /**
   * Tasks running at once, nearly all of them waiting on I/O (default 512). A task is one Video API
   * call and one chat reply, ~150 ms against the real services, so this cap is a replica's rate
   * limit: 512 / 0.15 s ≈ 3,400 commands/s. At 32 a fast host's mute mix completed 0.62 of its
   * floor with the CPU partly idle; with 50 ms of Video API and 100 ms of Discord latency added
   * (bench), 128 completed 0.36, 256 0.66 and 512 0.94 of the floor (docs/bench/discord.md, "Stop 31").
   */
  maxRunning?: number;
  /** Queued tasks beyond which {@link WorkQueue.full} reports true (default 20000). */
  maxPending?: number;
  /** How long the oldest queued task may have waited before {@link WorkQueue.full} reports true (default 5000 ms). */
  maxWaitMs?: number;
  /** Clock for expiry (ms). */
  now?: () => number;
}

/** A FIFO of post-ack work that yields to incoming requests between task starts. */
export class WorkQueue {
  // The queue is `pending[head..]`, with `queuedAt` (when each was queued) beside it: a parallel
  // array, no object per task, and a head index rather than Array#shift, which copies the whole
  // array once it is too large for V8 to trim in place (past ~16,000 entries, within maxPending:
  // a shift of both arrays took ~1 µs at 5,000 entries and ~22 µs at 20,000 on Node 20).
  private pending: Array<(() => Promise<unknown>) | undefined> = [];
  private queuedAt: number[] = [];
  private head = 0;
  private running = 0;
  private scheduled = false;
  private waiters: Array<() => void> = [];
  private readonly startsPerTurn: number;
  private readonly maxRunning: number;
  private readonly maxPending: number;
  private readonly maxWaitMs: number;
  private readonly clock: () => number;

  constructor(opts: WorkQueueOptions = {}) {
    this.clock = opts.now ?? Date.now;
    this.startsPerTurn = opts.startsPerTurn ?? 4;
    this.maxRunning = opts.maxRunning ?? 512;
    this.maxPending = opts.maxPending ?? 20_000;
    this.maxWaitMs = opts.maxWaitMs ?? 5000;
  }

  /** Whether new work should be refused (answered "busy") instead of queued. */
  get full(): boolean {
    const n = this.pending.length - this.head;
    return n >= this.maxPending || (n > 0 && this.clock() - this.queuedAt[this.head]! >= this.maxWaitMs);
  }

  /**
   * Queues `task`; its errors are the task's own business (tasks catch and log). With `expiresAt`,
   * `expired` runs instead when the task's turn comes after that time.
   */
  run(task: () => Promise<unknown>, expiresAt?: number, expired?: () => void): void {
    this.pending.push(
      expiresAt === undefined
        ? task
        : () => (this.clock() > expiresAt ? Promise.resolve(expired?.()) : task()),
    );
    this.queuedAt.push(this.clock());
    this.schedule();
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.pending.length === this.head && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === this.head || this.running >= this.maxRunning) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    for (let i = 0; i < this.startsPerTurn && this.running < this.maxRunning; i++) {
      const task = this.take();
      if (!task) break;
      this.running++;
      void task()
        .catch(() => {})
        .finally(() => this.done());
    }
    this.schedule();
  }

  /** The oldest queued task, removed; the arrays are cut once their taken half is large. */
  private take(): (() => Promise<unknown>) | undefined {
    if (this.head === this.pending.length) return undefined;
    const task = this.pending[this.head];
    this.pending[this.head++] = undefined; // the closure and its request can be collected now
    if (this.head === this.pending.length) {
      this.pending = [];
      this.queuedAt = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.queuedAt = this.queuedAt.slice(this.head);
      this.head = 0;
    }
    return task;
  }

  private done(): void {
    this.running--;
    this.schedule();
    if (this.pending.length === this.head && this.running === 0) this.waiters.splice(0).forEach((w) => w());
  }
}
