// Acknowledged requests must not die with the replica that acked them. Before the ack the request is
// written to the store under its delivery's ID and this replica's ID (the caller commits the write
// this class builds, so it can share a unit with other writes); once its reply is delivered it is
// marked done (marks are batched: one small transaction for many requests). Every replica
// heartbeats (one lease row, `alive:<replica>`, whatever its backlog; see the store's
// heartbeatPendingCommands). A recovery loop, run by the replica holding a lease, takes over
// requests whose owner has gone quiet (the claim is one atomic UPDATE, so one replica gets each) and
// hands them to `rerun`. Payloads may hold a Slack response_url or a Discord interaction token
// (bearer secrets): they are never logged and are dropped when done. One instance per platform.
import type { Platform } from '../chat.js';
import type { Logger } from '../log.js';
import { recoveryLease } from '../store/concerns/pending.js';
import type { PendingCommandRecord, Store, StoreWrite } from '../store/types.js';

/** What kind of request a pending row holds (the front door records neutral requests). */
export type PendingKind = 'request';

/** The store methods {@link PendingCommands} uses. */
export type PendingStore = Pick<
  Store,
  | 'commit'
  | 'acquireLease'
  | 'releaseLease'
  | 'heartbeatPendingCommands'
  | 'claimStalePendingCommands'
  | 'purgeFinishedCommands'
>;

/** Options of {@link PendingCommands}. */
export interface PendingOptions {
  store: PendingStore;
  log: Logger;
  now: () => number;
  /** This replica's ID (replicaId()). */
  holder: string;
  /** Whose requests these are; each platform runs its own recovery lease. */
  platform: Platform;
  /** Runs a taken-over request again (its payload is set); resolves once its reply is delivered. */
  rerun(taken: PendingCommandRecord): Promise<unknown>;
  /** How often owners refresh their heartbeat (default 3 s). */
  heartbeatMs?: number;
  /** An owner whose last heartbeat is older than this has died (default 12 s). */
  staleMs?: number;
  /** How often the lease holder looks for requests to take over (default 3 s). */
  recoverMs?: number;
  /** Take-overs of one request before giving up on it (default 3). */
  maxAttempts?: number;
  /**
   * A taken-over request is re-run no earlier than this long after its ack (default 15 s, just past
   * the default staleness). `start` holds its 30-s channel lease under the delivery's idempotency
   * key, which the re-run takes over.
   */
  minAgeMs?: number;
  /** Done marks wait this long to be written together (default 20 ms). */
  doneBatchMs?: number;
}

const KEEP_DONE_MS = 60 * 60_000;

/** Durable record of acknowledged requests, with the heartbeat and recovery loops. */
export class PendingCommands {
  private timers: NodeJS.Timeout[] = [];
  private tick: Promise<void> | null = null;
  private lastPurge = 0;
  /** Requests done but not yet marked so in the store (batched; retried after a failed write). */
  private readonly unmarked = new Set<string>();
  private marking: Promise<void> | null = null;
  private markTimer: NodeJS.Timeout | null = null;
  /** Re-runs waiting for their request to reach minAgeMs. */
  private readonly delayed = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;
  private readonly lease: string;
  /** How long a heartbeat says its owner is alive, and how old one is when a taker may act: one value. */
  private readonly staleMs: number;
  private readonly recoverMs: number;

  constructor(private readonly o: PendingOptions) {
    this.lease = recoveryLease(o.platform);
    this.staleMs = o.staleMs ?? 12_000;
    this.recoverMs = o.recoverMs ?? 3000;
  }

  /** The write that records request `id` before its ack (not applied: another delivery recorded it). */
  recordWrite(id: string, payload: unknown, at: number): StoreWrite {
    const command = {
      id,
      platform: this.o.platform,
      kind: 'request' satisfies PendingKind,
      payload: JSON.stringify(payload),
      owner: this.o.holder,
    };
    return { kind: 'recordPending', command, at };
  }

  /** Runs `work` for a recorded request and marks it done once the reply is delivered. */
  async run<T>(id: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.done(id);
    }
  }

  /** Marks request `id` done, together with the others done within a few milliseconds. */
  done(id: string): void {
    this.unmarked.add(id);
    if (this.markTimer || this.stopped) return;
    this.markTimer = setTimeout(() => {
      this.markTimer = null;
      void this.markDone();
    }, this.o.doneBatchMs ?? 20);
    this.markTimer.unref();
  }

  /** Starts heartbeats and the recovery loop. */
  start(): void {
    if (this.timers.length > 0) return;
    this.stopped = false;
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(
        () => void fn().catch((err: unknown) => this.o.log.warn('pending-command upkeep failed', { err })),
        ms,
      );
      t.unref();
      this.timers.push(t);
    };
    every(this.o.heartbeatMs ?? 3000, () => this.heartbeat());
    every(this.recoverMs, () => this.recover());
  }

  /** Writes waiting done marks, then says this replica is alive for another `staleMs`. */
  async heartbeat(): Promise<void> {
    await this.markDone();
    await this.o.store.heartbeatPendingCommands(this.o.holder, this.o.now(), this.staleMs);
  }

  /** Stops the loops (requests still owned here are taken over by others if this process dies). */
  async stop(): Promise<void> {
    for (const t of this.timers.splice(0)) clearInterval(t);
    // Delayed re-runs are dropped: with the heartbeat stopped, another replica takes them over.
    this.stopped = true;
    for (const [t, resolve] of this.delayed) {
      clearTimeout(t);
      resolve();
    }
    this.delayed.clear();
    await this.tick;
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = null;
    await this.markDone();
    await this.o.store.releaseLease(this.lease, this.o.holder).catch(() => undefined);
  }

  /** One recovery pass, if this replica holds the recovery lease; resolves when the re-runs are done. */
  recover(): Promise<void> {
    this.tick ??= this.pass().finally(() => (this.tick = null));
    return this.tick;
  }

  /** Writes the done marks waiting, in one unit; on failure they wait for the next try. */
  private markDone(): Promise<void> {
    this.marking ??= (async () => {
      const ids = [...this.unmarked];
      if (ids.length === 0) return;
      const at = this.o.now();
      try {
        await this.o.store.commit(ids.map((id) => ({ kind: 'finishPending', id, at })));
        for (const id of ids) this.unmarked.delete(id);
      } catch (err) {
        // Retried with the next heartbeat; should this replica die first, a replica taking the
        // requests over delivers their stored replies, so at worst a person sees one twice.
        this.o.log.warn('could not mark requests done', { count: ids.length, err });
      }
    })().finally(() => (this.marking = null));
    return this.marking;
  }

  private async pass(): Promise<void> {
    const { store, holder, now, log } = this.o;
    if (!(await store.acquireLease(this.lease, holder, this.recoverMs * 3, now()))) return;
    const at = now();
    const taken = await store.claimStalePendingCommands(holder, at - this.staleMs, at, 50, this.o.platform);
    await Promise.all(
      taken.map(async (c) => {
        if (c.payload === null || c.kind !== 'request' || c.attempts > (this.o.maxAttempts ?? 3)) {
          log.error('giving up on an acknowledged request after repeated take-overs', {
            id: c.id,
            kind: c.kind,
            attempts: c.attempts,
          });
          return this.done(c.id);
        }
        const wait = c.createdAt + (this.o.minAgeMs ?? 15_000) - at;
        if (wait > 0) await this.sleep(wait);
        if (this.stopped) return;
        log.warn('re-running an acknowledged request whose replica died', {
          id: c.id,
          attempts: c.attempts,
        });
        try {
          await this.run(c.id, () => this.o.rerun(c));
        } catch (err) {
          log.error('re-running an acknowledged request failed', { id: c.id, err });
        }
      }),
    );
    // The re-runs' done marks are written before the next pass can look for stale requests.
    if (taken.length > 0) await this.markDone();
    if (at - this.lastPurge > KEEP_DONE_MS / 4) {
      this.lastPurge = at;
      await store.purgeFinishedCommands(at - KEEP_DONE_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.delayed.delete(t);
        resolve();
      }, ms);
      this.delayed.set(t, resolve);
    });
  }
}
