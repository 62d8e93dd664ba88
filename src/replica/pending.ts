// Acknowledged requests must not die with the replica that acked them. Before the ack the request is
// written to the store (one INSERT) under its idempotency key and this replica's ID; once its reply
// is delivered it is marked done. Every replica heartbeats the requests it owns. A recovery loop,
// run by the replica holding a lease, takes over requests whose owner has gone quiet (the claim is
// one atomic UPDATE, so one replica gets each), forgets the dead owner's unfinished idempotency
// claim and runs them again; a reply the owner stored before dying is returned instead of re-running.
// Payloads may hold a Slack response_url or a Discord interaction token (bearer secrets): they are
// never logged and are dropped when done. Used by the Slack and Discord adapters (option `platform`).
import type { Platform, View } from '../chat.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { takeOverUnfinished } from '../../commands/idempotency.js';

/** Which handler re-runs a pending request (Slack: slash, click, submit; Discord: interaction). */
export type PendingKind = 'slash' | 'click' | 'submit' | 'interaction';

/** The store methods {@link PendingCommands} uses (the pending ones are optional in Store). */
export type PendingStore = Pick<
  Store,
  | 'acquireLease'
  | 'releaseLease'
  | 'recordPendingCommand'
  | 'heartbeatPendingCommands'
  | 'finishPendingCommand'
  | 'claimStalePendingCommands'
  | 'purgeFinishedCommands'
  | 'takeOverUnfinishedKey'
>;

/** Options of {@link PendingCommands}. */
export interface PendingOptions {
  store: PendingStore;
  log: Logger;
  now: () => number;
  /** This replica's ID (replicaId()). */
  holder: string;
  /** Whose requests these are (default slack); each platform runs its own recovery lease. */
  platform?: Platform;
  /** Runs a taken-over request again (without the repeat checks); resolves to the reply delivered. */
  rerun(kind: PendingKind, payload: unknown): Promise<View | undefined>;
  /** How often owners refresh their heartbeat (default 3 s). */
  heartbeatMs?: number;
  /** A heartbeat older than this means the owner died (default 12 s). */
  staleMs?: number;
  /** How often the lease holder looks for requests to take over (default 3 s). */
  recoverMs?: number;
  /** Take-overs of one request before giving up on it (default 3). */
  maxAttempts?: number;
  /**
   * A taken-over request is re-run no earlier than this long after its ack (default 15 s, just past
   * the default staleness). No longer needs to outlast the dead runner's leases: `start` holds its
   * 30-s channel lease under the delivery's idempotency key, which the re-run takes over.
   */
  minAgeMs?: number;
}

const KEEP_DONE_MS = 60 * 60_000;

/** Durable record of acknowledged requests, with the heartbeat and recovery loops. */
export class PendingCommands {
  private timers: NodeJS.Timeout[] = [];
  private tick: Promise<void> | null = null;
  private lastPurge = 0;
  /** Done requests whose "done" mark failed to be written; retried with each heartbeat. */
  private readonly unmarked = new Set<string>();
  /** Re-runs waiting for their request to reach minAgeMs. */
  private readonly delayed = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  private readonly lease: string;

  constructor(private readonly o: PendingOptions) {
    this.lease = `${o.platform ?? 'slack'}-pending-recovery`;
  }

  /**
   * Records a request before its ack: "new" (run it), "repeat" (another delivery already recorded
   * it: its owner, or whoever takes it over, replies) or "unrecorded" (no durable record; run it).
   */
  async record(id: string, kind: PendingKind, payload: unknown): Promise<'new' | 'repeat' | 'unrecorded'> {
    const { store, holder, now, log } = this.o;
    if (!store.recordPendingCommand) return 'unrecorded';
    try {
      const fresh = await store.recordPendingCommand(
        { id, platform: this.o.platform ?? 'slack', kind, payload: JSON.stringify(payload), owner: holder },
        now(),
      );
      return fresh ? 'new' : 'repeat';
    } catch (err) {
      log.warn('could not record a request before its ack; running it without a durable record', {
        id,
        kind,
        err,
      });
      return 'unrecorded';
    }
  }

  /** Runs `work` for a recorded request and marks it done once the reply is delivered. */
  async run(id: string, work: () => Promise<View | undefined>): Promise<void> {
    await work();
    await this.finish(id);
  }

  /** Starts heartbeats and the recovery loop. */
  start(): void {
    if (this.timers.length > 0 || !this.o.store.recordPendingCommand) return;
    this.stopped = false;
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(
        () => void fn().catch((err: unknown) => this.o.log.warn('pending-command upkeep failed', { err })),
        ms,
      );
      t.unref();
      this.timers.push(t);
    };
    every(this.o.heartbeatMs ?? 3000, async () => {
      for (const id of [...this.unmarked]) if (await this.finish(id)) this.unmarked.delete(id);
      await this.o.store.heartbeatPendingCommands!(this.o.holder, this.o.now());
    });
    every(this.o.recoverMs ?? 3000, () => this.recover());
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
    await this.o.store.releaseLease(this.lease, this.o.holder).catch(() => undefined);
  }

  /** One recovery pass, if this replica holds the recovery lease; resolves when the re-runs are done. */
  recover(): Promise<void> {
    this.tick ??= this.pass().finally(() => (this.tick = null));
    return this.tick;
  }

  private async pass(): Promise<void> {
    const { store, holder, now, log } = this.o;
    const recoverMs = this.o.recoverMs ?? 3000;
    if (
      !store.claimStalePendingCommands ||
      !(await store.acquireLease(this.lease, holder, recoverMs * 3, now()))
    )
      return;
    const at = now();
    const platform = this.o.platform ?? 'slack';
    const taken = await store.claimStalePendingCommands(
      holder,
      at - (this.o.staleMs ?? 12_000),
      at,
      50,
      platform,
    );
    await Promise.all(
      taken.map(async (c) => {
        const kind = c.kind as PendingKind;
        if (c.payload === null || c.attempts > (this.o.maxAttempts ?? 3)) {
          log.error('giving up on an acknowledged request after repeated take-overs', {
            id: c.id,
            kind,
            attempts: c.attempts,
          });
          await this.finish(c.id);
          return;
        }
        const wait = c.createdAt + (this.o.minAgeMs ?? 15_000) - at;
        if (wait > 0) await this.sleep(wait);
        if (this.stopped) return;
        log.warn('re-running an acknowledged request whose replica died', {
          id: c.id,
          kind,
          attempts: c.attempts,
        });
        try {
          await takeOverUnfinished(store, c.id);
          await this.run(c.id, () => this.o.rerun(kind, JSON.parse(c.payload!)));
        } catch (err) {
          log.error('re-running an acknowledged request failed', { id: c.id, kind, err });
          await this.finish(c.id);
        }
      }),
    );
    if (at - this.lastPurge > KEEP_DONE_MS / 4 && store.purgeFinishedCommands) {
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

  private async finish(id: string): Promise<boolean> {
    try {
      // The reply is not stored here: it already lives under the command's idempotency key, which is
      // what a re-run reads, and serialising and writing it a second time cost ~10 % of the Slack
      // adapter's CPU per command (bench/slack-bench.mjs profile).
      await this.o.store.finishPendingCommand(id, this.o.now());
      return true;
    } catch (err) {
      // Retried with the next heartbeat; should this replica die first, the request is taken over
      // and its re-run returns the stored reply, so at worst the person sees it twice.
      this.o.log.warn('could not mark a request done', { id, err });
      this.unmarked.add(id);
      return false;
    }
  }
}
