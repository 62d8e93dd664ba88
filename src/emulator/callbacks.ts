import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Agent, Client, request, type Dispatcher } from 'undici';
import { Fifo } from './fifo.js';
import type { CallbackDelivery } from './types.js';

// Delivers callbacks like the service: asynchronously, one JSON POST per event, optionally signed
// (Authorization: Bearer HS256 JWT with iat, jti, iss "Vonage" and payload_hash = hex SHA-256 of
// the raw body), retried with exponential backoff on a non-2xx answer or a network error.
// Ordering: in order, events go out in emission order, pipelined on one keep-alive connection per
// callback origin (the wire keeps the order, and a busy meeting is not limited to one round trip
// per event); a retried event goes to the back of the queue, so later events may overtake it, as
// with the service. With outOfOrder, events are picked at random and spread over many connections.

const KEEP = 10_000;
const TIMEOUT_MS = 5_000;
const WINDOW = 16;

interface Item {
  delivery: CallbackDelivery;
  body: string;
  projectId: string;
  /** A per-event URL (render statusCallbackUrl); others go to the URL set at send time. */
  urlOverride?: string;
}

/** A callback not delivered yet, as persistence keeps it. */
export interface PendingCallback {
  projectId: string;
  sessionId: string;
  payload: Record<string, unknown>;
  urlOverride?: string;
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
  /** Called when a delivery is done with (delivered or given up). */
  onSettled?: () => void;
  /** Keep events emitted while no URL is set, and send them once one is (persistent emulators). */
  holdWithoutUrl?: boolean;
}

/** Queues, sends, signs and retries callbacks; `deliveries` is the record tests read back. */
export class CallbackDispatcher {
  private currentUrl: string | undefined;
  /** Events emitted while no URL was set (with holdWithoutUrl). */
  private held: PendingCallback[] = [];
  readonly deliveries: CallbackDelivery[] = [];
  private readonly ordered = new Fifo<Item>();
  private shuffled: Item[] = [];
  /** Deliveries waiting for their retry. */
  private readonly timers = new Map<NodeJS.Timeout, Item>();
  private readonly sending = new Set<Item>();
  private readonly dispatchers = new Map<string, Dispatcher>();
  private inflight = 0;
  private scheduled = false;
  private closed = false;
  private readonly key: Buffer | undefined;

  constructor(private readonly opts: DispatcherOptions) {
    this.currentUrl = opts.url;
    this.key = opts.signatureSecret ? Buffer.from(opts.signatureSecret, 'utf8') : undefined;
  }

  /** Where callbacks go (undefined: nowhere). */
  get url(): string | undefined {
    return this.currentUrl;
  }

  /** Sets where callbacks go; events held while there was none are sent now. */
  setUrl(url: string | undefined): void {
    this.currentUrl = url;
    if (!url) return;
    const held = this.held;
    this.held = [];
    for (const h of held) this.emit(h.projectId, h.sessionId, h.payload, h.urlOverride);
  }

  /**
   * Queues one event for the callback URL (or `urlOverride`); without a URL it is dropped, or held
   * until one is set (holdWithoutUrl).
   */
  emit(projectId: string, sessionId: string, payload: Record<string, unknown>, urlOverride?: string): void {
    const url = urlOverride ?? this.currentUrl;
    if (this.closed) return;
    if (!url) {
      if (this.opts.holdWithoutUrl && this.held.length < KEEP)
        this.held.push({ projectId, sessionId, payload });
      return;
    }
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
    this.enqueue({ delivery, body: JSON.stringify(payload), projectId, urlOverride });
  }

  /** Callbacks queued, in flight or waiting for a retry (persistence re-sends them after a restart). */
  pending(): PendingCallback[] {
    const unique = new Set([
      ...this.sending,
      ...this.timers.values(),
      ...this.ordered.toArray(),
      ...this.shuffled,
    ]);
    const items = [...unique].sort((a, b) => a.delivery.queuedAt - b.delivery.queuedAt);
    return [
      ...this.held,
      ...items.map((i) => ({
        projectId: i.projectId,
        sessionId: i.delivery.sessionId,
        payload: i.delivery.payload,
        ...(i.urlOverride ? { urlOverride: i.urlOverride } : {}),
      })),
    ];
  }

  /** True while anything is queued, in flight or waiting for a retry. */
  get busy(): boolean {
    return this.ordered.length > 0 || this.shuffled.length > 0 || this.inflight > 0 || this.timers.size > 0;
  }

  /** Stops sending; queued and retrying deliveries are abandoned. */
  close(): void {
    this.closed = true;
    this.reset();
    for (const d of this.dispatchers.values()) void d.destroy().catch(() => undefined);
    this.dispatchers.clear();
  }

  /** Forgets the delivery record and anything queued. */
  reset(): void {
    for (const t of this.timers.keys()) clearTimeout(t);
    this.timers.clear();
    this.sending.clear();
    this.ordered.clear();
    this.shuffled = [];
    this.held = [];
    this.deliveries.length = 0;
  }

  private enqueue(item: Item): void {
    if (this.opts.outOfOrder) this.shuffled.push(item);
    else this.ordered.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets a burst of events (e.g. a disconnect) queue up together before sending.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (!this.closed && this.inflight < WINDOW) {
      const item = this.opts.outOfOrder ? this.takeRandom() : this.ordered.shift();
      if (!item) return;
      this.inflight++;
      this.sending.add(item);
      // send() dispatches synchronously, so the wire order is the pump order.
      void this.send(item).finally(() => {
        this.inflight--;
        this.sending.delete(item);
        this.pump();
      });
    }
  }

  private takeRandom(): Item | undefined {
    if (this.shuffled.length === 0) return undefined;
    const i = Math.floor(Math.random() * this.shuffled.length);
    const item = this.shuffled[i]!;
    this.shuffled[i] = this.shuffled[this.shuffled.length - 1]!;
    this.shuffled.pop();
    return item;
  }

  private dispatcherFor(url: string): Dispatcher {
    const origin = this.opts.outOfOrder ? '*' : new URL(url).origin;
    let d = this.dispatchers.get(origin);
    if (!d) {
      const timeouts = { headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS };
      d = this.opts.outOfOrder
        ? new Agent({ connections: WINDOW, ...timeouts })
        : new Client(origin, { pipelining: WINDOW, ...timeouts });
      this.dispatchers.set(origin, d);
    }
    return d;
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
      if (this.key) headers.authorization = `Bearer ${this.sign(body, item.projectId)}`;
      // idempotent: true lets undici pipeline the POSTs; receivers must dedupe anyway (retries).
      const res = await request(delivery.url, {
        method: 'POST',
        headers,
        body,
        idempotent: true,
        dispatcher: this.dispatcherFor(delivery.url),
      });
      status = res.statusCode;
      await res.body.dump().catch(() => undefined);
    } catch {
      status = 0;
    }
    delivery.statuses.push(status);
    if (status >= 200 && status < 300) {
      delivery.state = 'delivered';
      delivery.deliveredAt = Date.now();
      this.opts.onSettled?.();
      return;
    }
    if (delivery.attempts >= this.opts.maxAttempts || this.closed) {
      delivery.state = 'failed';
      this.opts.onSettled?.();
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.enqueue(item);
      },
      this.opts.retryBaseMs * 2 ** (delivery.attempts - 1),
    );
    this.timers.set(timer, item);
  }

  /** An HS256 JWT signed synchronously (an async signer could reorder pipelined sends). */
  private sign(body: string, projectId: string): string {
    const claims = {
      iat: Math.floor(Date.now() / 1000),
      jti: randomUUID(),
      iss: 'Vonage',
      payload_hash: createHash('sha256').update(body).digest('hex'),
      ...(this.opts.claims?.(projectId) ?? {}),
    };
    const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
    return `${head}.${createHmac('sha256', this.key!).update(head).digest('base64url')}`;
  }
}

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
