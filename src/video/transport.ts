// Sends one REST call: auth + headers, per-attempt timeout, retries per policy, and every failure
// turned into a VideoError (nothing escapes as an unhandled rejection). Kept to one async layer per
// call with cached header objects: at concurrency 50 every allocation shows up in throughput.
import type { Dispatcher, Pool } from 'undici';
import type { AuthHeader } from './auth.js';
import { PRECISE_BELOW_MS, startDeadline } from './deadline.js';
import type { VideoError } from './errors.js';
import { statusError, transportError } from './http-errors.js';
import { acquirePool, releasePool } from './pools.js';
import { retryDelay, sleep, type RetryPolicy } from './retry.js';
import type { CallOptions } from './types.js';

/** One REST call as the method files describe it; `T` is what `parse` makes of the reply text. */
export interface RequestSpec<T = void> {
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
  /** Turns a 2xx reply text into the result; absent when the body is not needed (it is drained). */
  parse?: (text: string, method: string, path: string) => T;
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

type HeaderSet = { none: Record<string, string>; json: Record<string, string>; form: Record<string, string> };

/** Sends REST calls for one client. */
export class Transport {
  private readonly origin: string;
  private readonly prefix: string;
  private readonly dispatcher: Dispatcher;
  private readonly pool: Pool | undefined;
  private authValue = '';
  private headers: HeaderSet | undefined;

  constructor(private readonly o: TransportOptions) {
    this.origin = o.baseUrl.origin;
    this.prefix = o.baseUrl.pathname.replace(/\/+$/, '');
    this.pool = o.dispatcher ? undefined : acquirePool(this.origin);
    this.dispatcher = o.dispatcher ?? (this.pool as Pool);
  }

  /** Header objects for the current auth value, rebuilt only when the cached JWT is re-signed. */
  private headerSet(): HeaderSet {
    const auth = this.o.auth.get();
    if (auth !== this.authValue || !this.headers) {
      const none = { 'user-agent': this.o.userAgent, accept: 'application/json', [this.o.auth.name]: auth };
      this.headers = {
        none,
        json: { ...none, 'content-type': 'application/json' },
        form: { ...none, 'content-type': 'application/x-www-form-urlencoded' },
      };
      this.authValue = auth;
    }
    return this.headers;
  }

  /**
   * Sends `spec` (retrying per policy) and resolves with the parsed result. `replied` is the last
   * error that carried an HTTP status: when a retry then fails without any reply (network, timeout),
   * that status error is what the caller sees, so retrying never changes the reported outcome.
   */
  async send<T>(spec: RequestSpec<T>, call?: CallOptions, attempt = 0, replied?: VideoError): Promise<T> {
    const path = this.prefix + spec.path;
    // Long timeouts ride on undici's own timers (free); only short ones pay for a native deadline.
    const timeoutMs = call?.timeoutMs ?? this.o.timeoutMs;
    const deadline = timeoutMs < PRECISE_BELOW_MS ? startDeadline(timeoutMs, call?.signal) : undefined;
    const hs = this.headerSet();
    try {
      const res = await this.dispatcher.request({
        origin: this.origin,
        path,
        method: spec.method,
        headers: spec.body === undefined ? hs.none : spec.form ? hs.form : hs.json,
        body: spec.body,
        signal: deadline ? deadline.signal : call?.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const status = res.statusCode;
      if (status >= 200 && status < 300) {
        if (!spec.parse) {
          await res.body.dump();
          return undefined as T;
        }
        return spec.parse(await res.body.text(), spec.method, path);
      }
      const text = await res.body.text().catch(() => '');
      throw statusError(status, spec.method, path, text, res.headers, spec.what);
    } catch (e) {
      const err = transportError(e, spec.method, path, deadline?.timedOut());
      deadline?.done();
      const last = err.status === undefined && replied ? replied : err;
      const wait = retryDelay(err, attempt, spec.idempotent, this.o.retry);
      if (wait === undefined || call?.signal?.aborted) throw last;
      try {
        await sleep(wait, call?.signal);
      } catch (reason) {
        throw replied ?? transportError(reason, spec.method, path);
      }
      return this.send(spec, call, attempt + 1, err.status === undefined ? replied : err);
    } finally {
      deadline?.done();
    }
  }

  /** Releases the shared Pool (an injected dispatcher is left to its owner). */
  async close(): Promise<void> {
    if (this.pool) await releasePool(this.origin, this.pool);
  }
}
