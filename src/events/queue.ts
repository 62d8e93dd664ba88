// Per-meeting work queue for applying callbacks after the HTTP answer. Items of one meeting run a
// few at a time (the store's seq-guarded upserts make their order irrelevant; several replicas
// apply concurrently anyway), and the meeting is reported changed when its queue drains, and
// every `touchEveryMs` during a long burst, so many callbacks become few version bumps.

interface Item {
  work: () => Promise<boolean>;
  done: () => void;
  fail: (err: unknown) => void;
}

interface MeetingQueue {
  waiting: Item[];
  /** Items whose change is not yet reported: they settle when onChanged next completes. */
  unreported: Array<() => void>;
  running: number;
  changed: boolean;
  touchedAt: number;
  drained: Promise<void>;
  resolve: () => void;
}

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** Called with a meeting whose work changed the store (errors are the caller's to handle). */
  onChanged(meetingId: string): Promise<void>;
  onError(meetingId: string, err: unknown): void;
  concurrency?: number;
  touchEveryMs?: number;
}

/** Runs work items per meeting with bounded concurrency and coalesced change notifications. */
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
      q = { waiting: [], unreported: [], running: 0, changed: false, touchedAt: Date.now(), drained, resolve };
      this.queues.set(meetingId, q);
    }
    const queue = q;
    return new Promise<void>((done, fail) => {
      queue.waiting.push({ work, done, fail });
      this.pump(meetingId, queue);
    });
  }

  /** Resolves when no work is queued or running. */
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
            q.changed = true;
            q.unreported.push(item.done);
          },
          (err: unknown) => {
            this.opts.onError(meetingId, err);
            item.fail(err);
          },
        )
        .then(() => this.finish(meetingId, q));
    }
  }

  private async finish(meetingId: string, q: MeetingQueue): Promise<void> {
    q.running--;
    const drained = q.running === 0 && q.waiting.length === 0;
    if (q.changed && (drained || Date.now() - q.touchedAt >= (this.opts.touchEveryMs ?? 250))) {
      q.touchedAt = Date.now();
      await this.report(meetingId, q);
    }
    if (q.running === 0 && q.waiting.length === 0 && this.queues.get(meetingId) === q) {
      this.queues.delete(meetingId);
      // A change noted while onChanged ran is flushed before declaring the queue idle.
      if (q.changed) await this.report(meetingId, q);
      q.resolve();
    } else {
      this.pump(meetingId, q);
    }
  }

  /** Reports the meeting changed, then settles the items that change covered. */
  private async report(meetingId: string, q: MeetingQueue): Promise<void> {
    q.changed = false;
    const covered = q.unreported.splice(0);
    await this.opts.onChanged(meetingId).catch((err: unknown) => this.opts.onError(meetingId, err));
    for (const done of covered) done();
  }
}
