import type { Logger } from '../../src/log.js';

// Work that follows a first response. At most `maxConcurrent` jobs run at once so a burst of
// interactions cannot starve the acks of the next ones (each must be answered within 3 s) nor flood
// the Video API; a job whose interaction token has expired by its turn is dropped, not run late.

/** Interaction tokens live 15 minutes; keep a margin for the REST call itself. */
export const TOKEN_LIFETIME_MS = 14 * 60_000;

/** A bounded FIFO of follow-up jobs. */
export class FollowUpQueue {
  private readonly pending = new Set<Promise<void>>();
  private readonly queue: Array<{ run: () => Promise<void>; at: number }> = [];

  constructor(
    private readonly log: Logger,
    private readonly maxConcurrent = 16,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues a job; failures are logged, never thrown. */
  push(run: () => Promise<void>): void {
    this.queue.push({ run, at: this.now() });
    this.pump();
  }

  /** Jobs waiting or running. */
  get size(): number {
    return this.queue.length + this.pending.size;
  }

  /** Resolves once every queued and running job is done. */
  async drain(): Promise<void> {
    while (this.size > 0) await Promise.all([...this.pending]);
  }

  private pump(): void {
    while (this.pending.size < this.maxConcurrent && this.queue.length > 0) {
      const job = this.queue.shift()!;
      if (this.now() - job.at > TOKEN_LIFETIME_MS) {
        this.log.warn('discord: dropped follow-up work whose interaction token expired while queued');
        continue;
      }
      const p: Promise<void> = job
        .run()
        .catch((err: unknown) => this.log.error('discord: follow-up failed', { err }))
        .finally(() => {
          this.pending.delete(p);
          this.pump();
        });
      this.pending.add(p);
    }
  }
}
