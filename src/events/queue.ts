// Per-meeting work queue for applying callbacks after the HTTP answer. Items of one meeting run a
// few at a time (the store's seq-guarded upserts make their order irrelevant; several replicas
// apply concurrently anyway), and the meeting is reported changed when its queue drains, and
// every `touchEveryMs` during a long burst, so many callbacks become few version bumps.

interface MeetingQueue {
  waiting: Array<() => Promise<boolean>>;
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

  /** Queues `work` (resolving true when it changed the store) for `meetingId`. */
  push(meetingId: string, work: () => Promise<boolean>): void {
    let q = this.queues.get(meetingId);
    if (!q) {
      let resolve!: () => void;
      const drained = new Promise<void>((r) => (resolve = r));
      q = { waiting: [], running: 0, changed: false, touchedAt: Date.now(), drained, resolve };
      this.queues.set(meetingId, q);
    }
    q.waiting.push(work);
    this.pump(meetingId, q);
  }

  /** Resolves when no work is queued or running. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()].map((q) => q.drained));
  }

  private pump(meetingId: string, q: MeetingQueue): void {
    while (q.running < (this.opts.concurrency ?? 8) && q.waiting.length > 0) {
      const work = q.waiting.shift()!;
      q.running++;
      // setImmediate first: with a synchronous store (SQLite) a long queue would otherwise run in one
      // microtask burst and stall every HTTP request waiting for its answer.
      void new Promise((r) => setImmediate(r))
        .then(work)
        .then(
          (changed) => {
            if (changed) q.changed = true;
          },
          (err: unknown) => this.opts.onError(meetingId, err),
        )
        .then(() => this.finish(meetingId, q));
    }
  }

  private async finish(meetingId: string, q: MeetingQueue): Promise<void> {
    q.running--;
    const drained = q.running === 0 && q.waiting.length === 0;
    if (q.changed && (drained || Date.now() - q.touchedAt >= (this.opts.touchEveryMs ?? 250))) {
      q.changed = false;
      q.touchedAt = Date.now();
      await this.opts.onChanged(meetingId).catch((err: unknown) => this.opts.onError(meetingId, err));
    }
    if (q.running === 0 && q.waiting.length === 0 && this.queues.get(meetingId) === q) {
      this.queues.delete(meetingId);
      // A change noted while onChanged ran is flushed before declaring the queue idle.
      if (q.changed) await this.opts.onChanged(meetingId).catch((err: unknown) => this.opts.onError(meetingId, err));
      q.resolve();
    } else {
      this.pump(meetingId, q);
    }
  }
}
