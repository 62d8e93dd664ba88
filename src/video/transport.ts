// Sends one REST call: auth + headers, per-attempt timeout via AbortSignal, retries per policy, and
// every failure turned into a VideoError (nothing escapes as an unhandled rejection).
import type { Dispatcher, Pool } from 'undici';
import type { AuthHeader } from './auth.js';
import type { VideoError } from './errors.js';
import { statusError, transportError } from './http-errors.js';
import { retryDelay, sleep, type RetryPolicy } from './retry.js';
import { acquirePool, releasePool } from './pools.js';
import { PRECISE_BELOW_MS, startDeadline } from './deadline.js';
import type { CallOptions } from './types.js';

/** One REST call as the method files describe it. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL, starting with `/`, query included. */
  path: string;
  /** JSON text, or form text when `form` is set. */
  body?: string;
  form?: boolean;
  /** True when repeating the call after a 5xx/timeout/network error cannot do harm. */
  idempotent: boolean;
  /** What the call is about, for error sentences ("archive", "session or connection"). */
  what: string;
  /** False when the success body is not needed (it is drained, not read). */
  read: boolean;
}

/** Settings of a {@link Transport}. */
export interface TransportOptions {
  baseUrl: URL;
  dispatcher?: Dispatcher;
  auth: AuthHeader;
  userAgent: string;
  timeoutMs: number;
  retry: RetryPolicy;
}

/** Sends REST calls for one client. */
export class Transport {
  private readonly origin: string;
  private readonly prefix: string;
  private readonly dispatcher: Dispatcher;
  private readonly pool: Pool | undefined;

  constructor(private readonly o: TransportOptions) {
    this.origin = o.baseUrl.origin;
    this.prefix = o.baseUrl.pathname.replace(/\/+$/, '');
    this.pool = o.dispatcher ? undefined : acquirePool(this.origin);
    this.dispatcher = o.dispatcher ?? (this.pool as Pool);
  }

  /** Sends `spec`, retrying per policy; resolves with the reply text ('' when not read). */
  async send(spec: RequestSpec, call?: CallOptions): Promise<string> {
    const path = this.prefix + spec.path;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(spec, path, call);
      } catch (e) {
        const err = e as VideoError;
        const wait = retryDelay(err, attempt, spec.idempotent, this.o.retry);
        if (wait === undefined || call?.signal?.aborted) throw err;
        try {
          await sleep(wait, call?.signal);
        } catch (reason) {
          throw transportError(reason, spec.method, path);
        }
      }
    }
  }

  private async attempt(spec: RequestSpec, path: string, call: CallOptions | undefined): Promise<string> {
    // The per-attempt timeout rides on undici's own timers (headers, then body idle); only short
    // timeouts pay for a native deadline (see deadline.ts).
    const timeoutMs = call?.timeoutMs ?? this.o.timeoutMs;
    const deadline = timeoutMs < PRECISE_BELOW_MS ? startDeadline(timeoutMs, call?.signal) : undefined;
    const headers: Record<string, string> = {
      'user-agent': this.o.userAgent,
      accept: 'application/json',
      [this.o.auth.name]: this.o.auth.get(),
    };
    if (spec.body !== undefined) {
      headers['content-type'] = spec.form ? 'application/x-www-form-urlencoded' : 'application/json';
    }
    try {
      const res = await this.dispatcher.request({
        origin: this.origin,
        path,
        method: spec.method,
        headers,
        body: spec.body,
        signal: deadline ? deadline.signal : call?.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const status = res.statusCode;
      if (status >= 200 && status < 300) {
        if (spec.read) return await res.body.text();
        await res.body.dump();
        return '';
      }
      const text = await res.body.text().catch(() => '');
      throw statusError(status, spec.method, path, text, res.headers, spec.what);
    } catch (err) {
      throw transportError(err, spec.method, path, deadline?.timedOut());
    } finally {
      deadline?.done();
    }
  }

  /** Releases the shared Pool (an injected dispatcher is left to its owner). */
  async close(): Promise<void> {
    if (this.pool) await releasePool(this.origin, this.pool);
  }
}
