import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';

// A periodic job that one replica runs at a time: each pass first takes (or renews) a store lease
// and does nothing without it. Reconciliation and the retention sweep share this skeleton.

/** What a leased loop needs. */
export interface LeasedLoopOptions {
  store: Pick<Store, 'acquireLease' | 'releaseLease'>;
  log: Logger;
  /** The lease's name, one per kind of job. */
  lease: string;
  /** This replica's holder ID. */
  holder: string;
  intervalMs: number;
  /** How long a pass's lease lasts: longer than the interval, so the holder keeps it between passes. */
  leaseTtlMs: number;
  now: () => number;
  /** Logged, with the error, when a scheduled pass fails. */
  failure: string;
  /** The work of one pass, run only while holding the lease; resolves with a count for the caller. */
  pass: () => Promise<number>;
}

/** Runs `pass` soon after start and then every interval, on the replica holding the lease. */
export class LeasedLoop {
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(private readonly o: LeasedLoopOptions) {}

  /** Runs a pass right away (a restart may have left work behind) and then every interval. */
  start(): void {
    if (this.timer) return;
    const run = () => void this.runOnce().catch((err: unknown) => this.o.log.error(this.o.failure, { err }));
    this.first = setTimeout(run, 0);
    this.first.unref();
    this.timer = setInterval(run, this.o.intervalMs);
    this.timer.unref();
  }

  /** Stops the timers, waits for a pass in progress and gives the lease back. */
  async stop(): Promise<void> {
    clearTimeout(this.first);
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
    await this.o.store.releaseLease(this.o.lease, this.o.holder).catch(() => undefined);
  }

  /** One pass (joined if one is running); resolves with its count, 0 when another replica holds the lease. */
  runOnce(): Promise<number> {
    this.running ??= this.leased().finally(() => (this.running = null));
    return this.running;
  }

  private async leased(): Promise<number> {
    const { store, lease, holder, leaseTtlMs, now } = this.o;
    if (!(await store.acquireLease(lease, holder, leaseTtlMs, now()))) return 0;
    return this.o.pass();
  }
}
