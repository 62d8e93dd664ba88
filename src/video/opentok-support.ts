// Plumbing for the OpenTok compatibility layer: what every method needs (the client, the origin for
// error messages, the once-only debug log), callback delivery with the official error mapping,
// argument shuffling and constructor option parsing.
import { debuglog } from 'node:util';
import type { VideoClient } from './client.js';
import type { VideoClientOptions } from './credentials.js';
import { compatErrors } from './opentok-errors.js';
import type { OpenTok } from './opentok.js';
import type { RetryOptions } from './retry.js';

/** A Node-style callback as the official SDK uses them (`result` is undefined when `err` is set). */
export type Callback<T = void, X = unknown> = (err: Error | null, result: T, extra: X) => void;
/** An optional argument that the caller may skip by passing the callback in its place. */
export type Opt<T> = T | Callback<never, never> | undefined;

/** What every compat method needs. */
export interface Core {
  readonly client: VideoClient;
  /** The OpenTok instance (result objects call back into it). */
  readonly ot: OpenTok;
  /** Scheme, host and port of the base URL, for node-fetch-style network error messages. */
  readonly origin: string;
  /** Logs `message` at debug level the first time `key` is seen. */
  debugOnce(key: string, message: string): void;
}

/** Splits arguments at the first function: the SDK lets callers skip optional parameters. */
export function split(args: unknown[]): [unknown[], Callback<unknown> | undefined] {
  const i = args.findIndex((a) => typeof a === 'function');
  return i === -1 ? [args, undefined] : [args.slice(0, i), args[i] as Callback<unknown>];
}

/** `v` when it is an object, else undefined. */
export const obj = <X = Record<string, unknown>>(v: unknown): X | undefined =>
  v && typeof v === 'object' ? (v as X) : undefined;

/**
 * Settles `p` into `cb` exactly once on a later tick (so a throwing callback surfaces as an ordinary
 * exception instead of being fed back into the callback, as the SDK does); without `cb` returns a
 * promise. Failures become the error arguments the official package gives for `method`.
 */
export function settle<T>(
  core: Core,
  method: string,
  p: Promise<T>,
  cb: Callback<never, never> | Callback<unknown> | undefined,
  results?: (v: T) => unknown[],
): Promise<T> | undefined {
  if (!cb) {
    return p.catch((e: unknown) => {
      throw compatErrors(method, e, core.origin)[0];
    });
  }
  const call = cb as (...a: unknown[]) => void;
  p.then(
    (v) => {
      const args = results ? results(v) : v === undefined ? [] : [v];
      process.nextTick(() => call(null, ...args));
    },
    (e: unknown) => {
      const errs = compatErrors(method, e, core.origin);
      process.nextTick(() => call(...errs));
    },
  );
  return undefined;
}

/** Reports an argument error the official way: to the callback (on a later tick), else as a rejection. */
export function refuse(
  cb: Callback<never, never> | Callback<unknown> | undefined,
  err: Error,
): undefined | Promise<never> {
  if (!cb) return Promise.reject(err);
  process.nextTick(() => (cb as (e: Error) => void)(err));
  return undefined;
}

/** The SDK's third constructor argument: a base URL string or an options object. */
export type OpenTokEnv =
  | string
  | {
      apiUrl?: string;
      timeout?: number | string;
      uaAddendum?: string;
      proxy?: string;
      /** Our extension: the retry policy of the VideoClient underneath, or false. */
      retry?: RetryOptions | false;
      /** Our extension: where debug lines go (default: `NODE_DEBUG=opentok`). */
      debug?: (message: string) => void;
    };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Maps the SDK constructor arguments to VideoClient options (Vonage mode for appId + PEM key). */
export function clientOptions(
  apiKey: string | number,
  apiSecret: string,
  env: OpenTokEnv | undefined,
): VideoClientOptions {
  if ((typeof apiKey !== 'string' && typeof apiKey !== 'number') || typeof apiSecret !== 'string') {
    // The official message, except that the secret is never echoed.
    const secret = apiSecret === undefined || apiSecret === null ? String(apiSecret) : '[redacted]';
    throw new Error(
      `Invalid arguments when initializing OpenTok: apiKey=${String(apiKey)}, apiSecret=${secret}`,
    );
  }
  const e = typeof env === 'string' ? { apiUrl: env } : env && typeof env === 'object' ? env : {};
  const timeout = parseInt(String(e.timeout), 10);
  const common = {
    baseUrl: typeof e.apiUrl === 'string' ? e.apiUrl : undefined,
    timeoutMs: timeout > 0 ? timeout : undefined,
    proxy: typeof e.proxy === 'string' ? e.proxy : undefined,
    retry: e.retry,
    userAgent: `video-chatops/0.1 OpenTok-compat node/${process.version}${e.uaAddendum ? ' ' + e.uaAddendum : ''}`,
  };
  const vonage =
    apiSecret.startsWith('-----BEGIN') && apiSecret.includes('PRIVATE KEY') && UUID.test(String(apiKey));
  return vonage
    ? { applicationId: String(apiKey), privateKey: apiSecret, ...common }
    : { apiKey, apiSecret, ...common };
}

/** The debug sink of an instance: the caller's function, else Node's `NODE_DEBUG=opentok`. */
export function debugSink(env: OpenTokEnv | undefined): (message: string) => void {
  const given = env && typeof env === 'object' ? env.debug : undefined;
  return typeof given === 'function' ? given : debuglog('opentok');
}
