// When and how long to wait before repeating a failed call. 429 is always safe to repeat (the
// service did not act); 5xx, timeouts and network errors only when repeating cannot do harm.
import { VideoError } from './errors.js';

/** Retry tuning; every field is optional. */
export interface RetryOptions {
  /** Extra attempts after the first (default 2). */
  retries?: number;
  /** First backoff delay in ms (default 100); doubles per attempt, with full jitter. */
  minDelayMs?: number;
  /** Cap of one backoff delay in ms (default 2000). */
  maxDelayMs?: number;
  /** Longest Retry-After the client waits for; longer ones fail at once as rate_limited (default 10 000). */
  maxRetryAfterMs?: number;
}

/** A fully defaulted retry policy. */
export type RetryPolicy = Required<RetryOptions>;

/** Fills in defaults; `false` disables retries. */
export function retryPolicy(opts: RetryOptions | false | undefined): RetryPolicy {
  const o = opts === false ? { retries: 0 } : (opts ?? {});
  return {
    retries: Math.max(0, Math.floor(o.retries ?? 2)),
    minDelayMs: o.minDelayMs ?? 100,
    maxDelayMs: o.maxDelayMs ?? 2000,
    maxRetryAfterMs: o.maxRetryAfterMs ?? 10_000,
  };
}

/** Parses a Retry-After header (delta seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Returns how long to wait before the next attempt, or undefined when `err` must be thrown.
 * `attempt` counts from 0 for the first try.
 */
export function retryDelay(
  err: VideoError,
  attempt: number,
  idempotent: boolean,
  policy: RetryPolicy,
): number | undefined {
  if (attempt >= policy.retries) return undefined;
  if (err.code === 'rate_limited') {
    const wait = err.retryAfterMs ?? backoff(attempt, policy);
    return wait <= policy.maxRetryAfterMs ? wait : undefined;
  }
  // A refused connection never reached the service, so even a non-idempotent call may be repeated.
  const neverSent =
    err.code === 'network' && (err.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED';
  if (neverSent) return backoff(attempt, policy);
  if (!idempotent) return undefined;
  if (err.code === 'unavailable' || err.code === 'timeout' || err.code === 'network')
    return backoff(attempt, policy);
  return undefined;
}

function backoff(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** attempt);
  return Math.floor(Math.random() * ceiling);
}

/** Waits `ms`, ending early (rejecting with the signal's reason) if `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
