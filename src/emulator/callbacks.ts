import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { CallbackDelivery } from './types.js';

// Delivers callbacks like the service: asynchronously, one JSON POST per event, optionally signed
// (Authorization: Bearer HS256 JWT with iat, jti, iss "Vonage" and payload_hash = hex SHA-256 of
// the raw body), retried with exponential backoff on a non-2xx answer or a network error.

const KEEP = 10_000;
const TIMEOUT_MS = 5_000;

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
  private readonly ready: Array<{ delivery: CallbackDelivery; body: string; projectId: string }> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
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
    this.ready.push({ delivery, body: JSON.stringify(payload), projectId });
    this.schedule();
  }

  /** True while anything is queued, in flight or waiting for a retry. */
  get busy(): boolean {
    return this.ready.length > 0 || this.inflight > 0 || this.timers.size > 0;
  }

  /** Stops sending; queued and retrying deliveries are abandoned. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.ready.length = 0;
  }

  /** Forgets the delivery record and anything queued. */
  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.ready.length = 0;
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
    const limit = this.opts.outOfOrder ? 8 : 1;
    while (!this.closed && this.inflight < limit && this.ready.length > 0) {
      const index = this.opts.outOfOrder ? Math.floor(Math.random() * this.ready.length) : 0;
      const [item] = this.ready.splice(index, 1);
      this.inflight++;
      void this.send(item!).finally(() => {
        this.inflight--;
        this.pump();
      });
    }
  }

  private async send(item: { delivery: CallbackDelivery; body: string; projectId: string }): Promise<void> {
    const { delivery, body } = item;
    delivery.attempts++;
    let status = 0;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'OpenTok-Emulator/1' };
      if (this.key) headers.authorization = `Bearer ${await this.sign(body, item.projectId)}`;
      const res = await fetch(delivery.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
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
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(item);
      this.pump();
    }, this.opts.retryBaseMs * 2 ** (delivery.attempts - 1));
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
