// Per-meeting work queue for applying callbacks. Items of one meeting run a few at a time (the
// store's seq-guarded upserts make their order irrelevant; several replicas apply concurrently
// anyway). Change notifications are group-committed: at most one is in flight per meeting, and
// every item that changed the store waits for the first notification that starts after it, so a
// burst of callbacks becomes a few version bumps while each caller still learns when its change
// is durable and announced.

interface Item {
  work: () => Promise<boolean>;
  done: () => void;
  fail: (err: unknown) => void;
}

interface MeetingQueue {
  waiting: Item[];
  /** Items whose change is not yet reported: they settle when the next report completes. */
  unreported: Array<() => void>;
  running: number;
  reporting: boolean;
  drained: Promise<void>;
  resolve: () => void;
}

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** Called with a meeting whose work changed the store. */
  onChanged(meetingId: string): Promise<void>;
  onError(meetingId: string, err: unknown): void;
  concurrency?: number;
}

/** Runs work items per meeting with bounded concurrency and group-committed change notifications. */
export class WorkQueue {
  private readonly queues = new Map<string, MeetingQueue>();

  constructor(private readonly opts: WorkQueueOptions) {}

  /**
   * Queues `work` (resolving true when it changed the store) for `meetingId`. The returned promise
   * resolves once the work ran and, if it changed the store, the meeting was reported changed, so a
   * caller that answers only then (the callback handler) never acknowledges a change that a crash
   * could still lose; it rejects when the work failed.
   */
  push(meetingId: string, work: () => Promise<boolean>): Promise<void> {
    let q = this.queues.get(meetingId);
    if (!q) {
      let resolve!: () => void;
      const drained = new Promise<void>((r) => (resolve = r));
      q = { waiting: [], unreported: [], running: 0, reporting: false, drained, resolve };
      this.queues.set(meetingId, q);
    }
    const queue = q;
    return new Promise<void>((done, fail) => {
      queue.waiting.push({ work, done, fail });
      this.pump(meetingId, queue);
    });
  }

  /** Resolves when no work is queued, running or waiting for its report. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()].map((q) => q.drained));
  }

  private pump(meetingId: string, q: MeetingQueue): void {
    while (q.running < (this.opts.concurrency ?? 8) && q.waiting.length > 0) {
      const item = q.waiting.shift()!;
      q.running++;
      // setImmediate first: with a synchronous store (SQLite) a long queue would otherwise run in one
      // microtask burst and stall every HTTP request waiting for its answer.
      void new Promise((r) => setImmediate(r))
        .then(item.work)
        .then(
          (changed) => {
            if (!changed) return item.done();
            q.unreported.push(item.done);
            void this.report(meetingId, q);
          },
          (err: unknown) => {
            this.opts.onError(meetingId, err);
            item.fail(err);
          },
        )
        .then(() => {
          q.running--;
          this.pump(meetingId, q);
          this.settle(meetingId, q);
        });
    }
  }

  /** Reports the meeting changed until no change is left unreported; one report in flight at a time. */
  private async report(meetingId: string, q: MeetingQueue): Promise<void> {
    if (q.reporting) return;
    q.reporting = true;
    while (q.unreported.length > 0) {
      const covered = q.unreported.splice(0);
      await this.opts.onChanged(meetingId).catch((err: unknown) => this.opts.onError(meetingId, err));
      for (const done of covered) done();
    }
    q.reporting = false;
    this.settle(meetingId, q);
  }

  private settle(meetingId: string, q: MeetingQueue): void {
    if (q.running > 0 || q.waiting.length > 0 || q.reporting || q.unreported.length > 0) return;
    if (this.queues.get(meetingId) !== q) return;
    this.queues.delete(meetingId);
    q.resolve();
  }
}
