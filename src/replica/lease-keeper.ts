import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { leaseHeld } from './metrics.js';

// Singleton work across replicas (the Discord gateway connection, anything that must run once):
// whoever holds the store lease runs it, renewing well before the TTL. When the holder dies its
// lease expires and another replica's next attempt takes over. A holder that cannot renew (database
// unreachable) stops the work once its lease has run out, because by then someone else may hold it.

/** Options of {@link LeaseKeeper}. */
export interface LeaseKeeperOptions {
  store: Pick<Store, 'acquireLease' | 'releaseLease'>;
  /** Lease name, the same on every replica (e.g. "discord-gateway"). */
  name: string;
  /** This process's holder ID (see replicaId()). */
  holder: string;
  log: Logger;
  /** How long a lease lasts without renewal (default 15 s): the longest a dead holder blocks takeover. */
  ttlMs?: number;
  /** How often to renew or try to take the lease (default ttlMs / 3). */
  renewMs?: number;
  /** Starts the work once the lease is ours; if it throws, the lease is released for others. */
  onAcquired(): Promise<void>;
  /** Stops the work: the lease was lost or the keeper is stopping. */
  onLost(): Promise<void>;
  now?: () => number;
}

/** Runs one piece of work on exactly one replica at a time; start() it on every replica. */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | null = null;
  private heldUntil = 0;
  private backOffUntil = 0;
  private isHeld = false;
  private stopped = true;
  private readonly now: () => number;

  constructor(private readonly opts: LeaseKeeperOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** True while this replica holds the lease and runs the work. */
  get held(): boolean {
    return this.isHeld;
  }

  /** Starts competing for the lease (first attempt right away). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the work if it runs here and hands the lease over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tick;
    if (this.isHeld) await this.lose('stopping');
    await this.opts.store.releaseLease(this.opts.name, this.opts.holder).catch(() => undefined);
  }

  /** One attempt (once started) to take or renew the lease; resolves when the work was started or stopped. */
  async attempt(): Promise<void> {
    this.tick ??= this.renew().finally(() => (this.tick = null));
    return this.tick;
  }

  private async renew(): Promise<void> {
    const { store, name, holder, log } = this.opts;
    const ttl = this.opts.ttlMs ?? 15_000;
    if (this.stopped) return;
    const now = this.now();
    // After a failed start, sit out one TTL so that a healthier replica can take the lease.
    if (!this.isHeld && now < this.backOffUntil) return;
    let ours: boolean;
    try {
      ours = await store.acquireLease(name, holder, ttl, now);
    } catch (err) {
      log.warn('could not renew a lease', { lease: name, err });
      if (this.isHeld && this.now() >= this.heldUntil)
        await this.lose('lease expired while the store was unreachable');
      return;
    }
    if (!ours) {
      if (this.isHeld) await this.lose('lease taken by another replica');
      return;
    }
    this.heldUntil = now + ttl;
    if (this.isHeld || this.stopped) return;
    this.isHeld = true;
    leaseHeld.set({ lease: name }, 1);
    log.info('lease acquired; starting singleton work', { lease: name, holder });
    try {
      await this.opts.onAcquired();
    } catch (err) {
      log.error('singleton work failed to start; releasing the lease', { lease: name, err });
      this.isHeld = false;
      this.backOffUntil = this.now() + ttl;
      leaseHeld.set({ lease: name }, 0);
      await store.releaseLease(name, holder).catch(() => undefined);
    }
  }

  private async lose(why: string): Promise<void> {
    this.isHeld = false;
    leaseHeld.set({ lease: this.opts.name }, 0);
    this.opts.log.warn('lease lost; stopping singleton work', { lease: this.opts.name, why });
    try {
      await this.opts.onLost();
    } catch (err) {
      this.opts.log.error('singleton work failed to stop cleanly', { lease: this.opts.name, err });
    }
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      void this.attempt().finally(() => {
        if (!this.stopped) this.schedule(this.opts.renewMs ?? Math.floor((this.opts.ttlMs ?? 15_000) / 3));
      });
    }, ms);
    this.timer.unref();
  }
}
