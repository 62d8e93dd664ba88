// "Ack first, work second" under load: the work that follows an ack (dispatch, Video API, replies)
// starts from setImmediate, a few tasks per event-loop turn, so requests that have already arrived
// are verified and acked before more work begins. Slack therefore never sees a late ack (which it
// shows the user as a failure) even in a burst; replies follow as the work catches up. The backlog
// is bounded: past `maxPending` the adapter sheds load with an immediate "busy" answer.

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** New tasks started per event-loop turn (default 4). */
  startsPerTurn?: number;
  /** Tasks running at once, most of them waiting on I/O (default 32). */
  maxRunning?: number;
  /** Queued tasks beyond which {@link WorkQueue.full} reports true (default 5000). */
  maxPending?: number;
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

  constructor(opts: WorkQueueOptions = {}) {
    this.startsPerTurn = opts.startsPerTurn ?? 4;
    this.maxRunning = opts.maxRunning ?? 32;
    this.maxPending = opts.maxPending ?? 5000;
  }

  /** Whether new work should be refused (answered "busy") instead of queued. */
  get full(): boolean {
    return this.pending.length >= this.maxPending;
  }

  /** Queues `task`; its errors are the task's own business (tasks catch and log). */
  run(task: () => Promise<unknown>): void {
    this.pending.push(task);
    this.schedule();
  }

  /** Starts `task` at once, ahead of the queue (a modal must open within 3 s of the click). */
  now(task: () => Promise<unknown>): void {
    this.running++;
    void task()
      .catch(() => {})
      .finally(() => this.done());
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
