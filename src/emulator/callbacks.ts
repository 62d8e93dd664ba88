import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { Agent, request } from 'undici';
import type { CallbackDelivery } from './types.js';

// Delivers callbacks like the service: asynchronously, one JSON POST per event, optionally signed
// (Authorization: Bearer HS256 JWT with iat, jti, iss "Vonage" and payload_hash = hex SHA-256 of
// the raw body), retried with exponential backoff on a non-2xx answer or a network error.
// Ordering: the events of one session go out one at a time in order (sessions in parallel); a
// retried event goes to the back of its session's queue, so later events may overtake it, as with
// the service. With outOfOrder every event is independent and picked at random.

const KEEP = 10_000;
const TIMEOUT_MS = 5_000;
const CONCURRENCY = 16;

interface Item {
  key: string;
  delivery: CallbackDelivery;
  body: string;
  projectId: string;
}

/** Options of a {@link CallbackDispatcher}. */
export interface DispatcherOptions {
  url?: string;
  signatureSecret?: string;
  retryBaseMs: number;
  maxAttempts: number;
  outOfOrder: boolean;
  /** Extra claims in the signature JWT (api_key or application_id). */
  claims?: (projectId: string) => Record<string, string>;
}

/** Queues, sends, signs and retries callbacks; `deliveries` is the record tests read back. */
export class CallbackDispatcher {
  url: string | undefined;
  readonly deliveries: CallbackDelivery[] = [];
  /** Per-key FIFO queues (key = session ID, or the delivery ID when out of order). */
  private readonly queues = new Map<string, Fifo<Item>>();
  /** Keys with queued items and nothing in flight, in the order they became ready. */
  private runnable: string[] = [];
  private readonly active = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly agent = new Agent({
    connections: CONCURRENCY,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  private inflight = 0;
  private scheduled = false;
  private closed = false;
  private readonly key: Uint8Array | undefined;

  constructor(private readonly opts: DispatcherOptions) {
    this.url = opts.url;
    this.key = opts.signatureSecret ? new TextEncoder().encode(opts.signatureSecret) : undefined;
  }

  /** Queues one event for the callback URL (or `urlOverride`); a no-op when no URL is set. */
  emit(projectId: string, sessionId: string, payload: Record<string, unknown>, urlOverride?: string): void {
    const url = urlOverride ?? this.url;
    if (!url || this.closed) return;
    const delivery: CallbackDelivery = {
      id: randomUUID(),
      url,
      event: String(payload.event ?? ''),
      sessionId,
      payload,
      signed: this.key !== undefined,
      attempts: 0,
      statuses: [],
      state: 'pending',
      queuedAt: Date.now(),
    };
    if (this.deliveries.length >= KEEP) this.deliveries.splice(0, KEEP / 10);
    this.deliveries.push(delivery);
    this.enqueue({
      key: this.opts.outOfOrder ? delivery.id : sessionId,
      delivery,
      body: JSON.stringify(payload),
      projectId,
    });
  }

  private enqueue(item: Item): void {
    const queue = this.queues.get(item.key);
    if (queue) queue.push(item);
    else this.queues.set(item.key, new Fifo(item));
    if (!queue && !this.active.has(item.key)) this.runnable.push(item.key);
    this.schedule();
  }

  /** True while anything is queued, in flight or waiting for a retry. */
  get busy(): boolean {
    return this.queues.size > 0 || this.inflight > 0 || this.timers.size > 0;
  }

  /** Stops sending; queued and retrying deliveries are abandoned. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queues.clear();
    this.runnable = [];
    void this.agent.close();
  }

  /** Forgets the delivery record and anything queued. */
  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queues.clear();
    this.runnable = [];
    this.deliveries.length = 0;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets a burst of events (e.g. a disconnect) queue up together before sending.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (!this.closed && this.inflight < CONCURRENCY && this.runnable.length > 0) {
      const key = this.takeRunnable();
      const queue = this.queues.get(key);
      const item = queue?.shift();
      if (!queue || !item) continue;
      // A key whose queue is empty and nothing in flight is done; a reset may have emptied it too.
      if (queue.length === 0) this.queues.delete(key);
      this.active.add(key);
      this.inflight++;
      void this.send(item).finally(() => {
        this.inflight--;
        this.active.delete(key);
        if (this.queues.has(key)) this.runnable.push(key);
        this.pump();
      });
    }
  }

  /** The next key to serve: the oldest ready one, or a random one when out of order. */
  private takeRunnable(): string {
    if (!this.opts.outOfOrder) return this.runnable.shift()!;
    const i = Math.floor(Math.random() * this.runnable.length);
    const key = this.runnable[i]!;
    this.runnable[i] = this.runnable[this.runnable.length - 1]!;
    this.runnable.pop();
    return key;
  }

  private async send(item: Item): Promise<void> {
    const { delivery, body } = item;
    delivery.attempts++;
    let status = 0;
    try {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'OpenTok-Emulator/1',
      };
      if (this.key) headers.authorization = `Bearer ${await this.sign(body, item.projectId)}`;
      const res = await request(delivery.url, { method: 'POST', headers, body, dispatcher: this.agent });
      status = res.statusCode;
      await res.body.dump().catch(() => undefined);
    } catch {
      status = 0;
    }
    delivery.statuses.push(status);
    if (status >= 200 && status < 300) {
      delivery.state = 'delivered';
      delivery.deliveredAt = Date.now();
      return;
    }
    if (delivery.attempts >= this.opts.maxAttempts || this.closed) {
      delivery.state = 'failed';
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.enqueue(item);
      },
      this.opts.retryBaseMs * 2 ** (delivery.attempts - 1),
    );
    this.timers.add(timer);
  }

  private async sign(body: string, projectId: string): Promise<string> {
    const payloadHash = createHash('sha256').update(body).digest('hex');
    return new SignJWT({ payload_hash: payloadHash, ...(this.opts.claims?.(projectId) ?? {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setJti(randomUUID())
      .setIssuer('Vonage')
      .sign(this.key!);
  }
}

/** A FIFO with O(1) shift (Array#shift is O(n), and a busy session can queue thousands of events). */
class Fifo<T> {
  private items: Array<T | undefined>;
  private head = 0;

  constructor(first: T) {
    this.items = [first];
  }

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
