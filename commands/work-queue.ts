// "Ack first, work second" under load: the work that follows an ack (the command, the Video API, the
// reply) starts from setImmediate, a few tasks per event-loop turn, so requests that have already
// arrived are verified and acked before more work begins. A platform therefore never sees a late
// ack (Slack shows it the user as a failure) even in a burst; replies follow as the work catches up.
// The backlog is bounded: past `maxPending` the front door sheds load with an immediate "busy"
// answer. A task whose reply target has expired by its turn (a Discord interaction token) is dropped.

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** New tasks started per event-loop turn (default 4). */
  startsPerTurn?: number;
  /** Tasks running at once, most of them waiting on I/O (default 32). */
  maxRunning?: number;
  /** Queued tasks beyond which {@link WorkQueue.full} reports true (default 5000). */
  maxPending?: number;
  /** Clock for expiry (ms). */
  now?: () => number;
}

/** A FIFO of post-ack work that yields to incoming requests between task starts. */
export class WorkQueue {
  private readonly pending: Array<() => Promise<unknown>> = [];
  private running = 0;
  private scheduled = false;
  private waiters: Array<() => void> = [];
  private readonly startsPerTurn: number;
  private readonly maxRunning: number;
  private readonly maxPending: number;
  private readonly clock: () => number;

  constructor(opts: WorkQueueOptions = {}) {
    this.clock = opts.now ?? Date.now;
    this.startsPerTurn = opts.startsPerTurn ?? 4;
    this.maxRunning = opts.maxRunning ?? 32;
    this.maxPending = opts.maxPending ?? 5000;
  }

  /** Whether new work should be refused (answered "busy") instead of queued. */
  get full(): boolean {
    return this.pending.length >= this.maxPending;
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
    this.schedule();
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.pending.length === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0 || this.running >= this.maxRunning) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    for (let i = 0; i < this.startsPerTurn && this.running < this.maxRunning; i++) {
      const task = this.pending.shift();
      if (!task) break;
      this.running++;
      void task()
        .catch(() => {})
        .finally(() => this.done());
    }
    this.schedule();
  }

  private done(): void {
    this.running--;
    this.schedule();
    if (this.pending.length === 0 && this.running === 0) this.waiters.splice(0).forEach((w) => w());
  }
}
