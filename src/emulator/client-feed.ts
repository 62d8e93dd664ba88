import { randomUUID } from 'node:crypto';

// What a client SDK hears from the service about its own connection: a force mute, a signal, one of
// its streams ended by a moderator, its connection destroyed. Kept per connection for clients that
// asked for it (the demo join page), read by long polling through the control API.

/** One event for a client, numbered within its connection. */
export type ClientEvent = { seq: number; at: number } & (
  | { type: 'muteForced'; streamId: string; all: boolean }
  | { type: 'signal'; signalType: string; data: string }
  | { type: 'streamDestroyed'; streamId: string; reason: string }
  | { type: 'disconnected'; reason: string }
  /** An emulated live-caption line (the emulator hears no audio: it says who is speaking). */
  | { type: 'caption'; speaker: string; text: string }
);

/** Distributes `Omit` over the union, so each event kind keeps its own fields. */
type NewEvent = ClientEvent extends infer E ? (E extends ClientEvent ? Omit<E, 'seq' | 'at'> : never) : never;

/** What a poll answers: events after the one asked for, and whether the connection still exists. */
export interface ClientPoll {
  /** Changes when the emulator restarts (event numbers start again); a client then asks from 0. */
  epoch: string;
  events: ClientEvent[];
  connected: boolean;
}

interface Feed {
  events: ClientEvent[];
  seq: number;
  goneAt?: number;
  waiters: Set<() => void>;
}

const KEEP_EVENTS = 100;
const KEEP_GONE_MS = 10 * 60_000;

/** Per-connection event logs with long-poll waiting. */
export class ClientFeeds {
  readonly epoch = randomUUID().slice(0, 8);
  private readonly feeds = new Map<string, Feed>();

  /** Starts keeping events for a connection. */
  open(connectionId: string): void {
    if (!this.feeds.has(connectionId))
      this.feeds.set(connectionId, { events: [], seq: 0, waiters: new Set() });
  }

  /** True when events are kept for the connection (it asked for them). */
  has(connectionId: string): boolean {
    return this.feeds.has(connectionId);
  }

  /** Adds an event for a connection that keeps a feed (a no-op for the others). */
  push(connectionId: string, event: NewEvent): void {
    const feed = this.feeds.get(connectionId);
    if (!feed || feed.goneAt !== undefined) return;
    feed.seq++;
    feed.events.push({ ...event, seq: feed.seq, at: Date.now() } as ClientEvent);
    if (feed.events.length > KEEP_EVENTS) feed.events.splice(0, feed.events.length - KEEP_EVENTS);
    for (const wake of feed.waiters) wake();
  }

  /** Records the end of a connection; its last events stay readable for a while. */
  end(connectionId: string, reason: string): void {
    this.push(connectionId, { type: 'disconnected', reason });
    const feed = this.feeds.get(connectionId);
    if (feed) feed.goneAt = Date.now();
    this.prune();
  }

  /**
   * Answers the events after `after` (all of them when `epoch` is another run's), waiting up to
   * `waitMs` for one when there is none yet; undefined for a connection that keeps no feed.
   */
  async poll(
    connectionId: string,
    opts: { after: number; epoch?: string; waitMs: number; signal?: AbortSignal },
  ): Promise<ClientPoll | undefined> {
    const feed = this.feeds.get(connectionId);
    if (!feed) return undefined;
    const after = opts.epoch === this.epoch ? opts.after : 0;
    if (feed.seq <= after && feed.goneAt === undefined && opts.waitMs > 0 && !opts.signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          feed.waiters.delete(done);
          opts.signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, opts.waitMs);
        feed.waiters.add(done);
        opts.signal?.addEventListener('abort', done, { once: true });
      });
    }
    return {
      epoch: this.epoch,
      events: feed.events.filter((e) => e.seq > after),
      connected: feed.goneAt === undefined,
    };
  }

  /** Wakes every waiting poll and forgets everything. */
  clear(): void {
    for (const feed of this.feeds.values()) for (const wake of [...feed.waiters]) wake();
    this.feeds.clear();
  }

  private prune(): void {
    const cutoff = Date.now() - KEEP_GONE_MS;
    for (const [id, feed] of this.feeds)
      if (feed.goneAt !== undefined && feed.goneAt < cutoff && feed.waiters.size === 0) this.feeds.delete(id);
  }
}
