// Plumbing for the OpenTok compatibility layer: callback delivery, argument shuffling, result objects
// with the official SDK's helper methods, and constructor option parsing.
import type { VideoClient } from './client.js';
import type { VideoClientOptions } from './credentials.js';
import type { Archive, Broadcast, Session, TokenOptions } from './types.js';

/** A Node-style callback as the official SDK uses them (`result` is undefined when `err` is set). */
export type Callback<T = void, X = unknown> = (err: Error | null, result: T, extra: X) => void;

/** Splits arguments at the first function: the SDK lets callers skip optional parameters. */
export function split(args: unknown[]): [unknown[], Callback<unknown> | undefined] {
  const i = args.findIndex((a) => typeof a === 'function');
  return i === -1 ? [args, undefined] : [args.slice(0, i), args[i] as Callback<unknown>];
}

/**
 * Settles `p` into `cb` exactly once on a later tick (so a throwing callback surfaces as an ordinary
 * exception instead of being fed back into the callback, as the SDK does); without `cb` returns `p`.
 */
export function deliver<T>(
  p: Promise<T>,
  cb: Callback<unknown> | undefined,
  map?: (v: T) => unknown[],
): Promise<T> | undefined {
  if (!cb) return p;
  p.then(
    (v) => {
      const results = map ? map(v) : v === undefined ? [] : [v];
      process.nextTick(() => (cb as (...a: unknown[]) => void)(null, ...results));
    },
    (e: unknown) =>
      process.nextTick(() => (cb as (e: Error) => void)(e instanceof Error ? e : new Error(String(e)))),
  );
  return undefined;
}

/** The Session object handed to createSession callbacks. */
export class OpenTokSession {
  sessionId!: string;
  mediaMode!: Session['mediaMode'];
  archiveMode!: Session['archiveMode'];
  location?: string;
  e2ee?: boolean;
  constructor(
    private readonly client: VideoClient,
    data: Session,
  ) {
    Object.assign(this, data);
  }
  /** Mints a token for this session (always the JWT format, like the SDK). */
  generateToken(opts?: TokenOptions): string {
    return this.client.generateToken(this.sessionId, { ...opts, tokenFormat: 'JWT' });
  }
}

/** An Archive with the SDK's `stop` and `delete` helpers. */
export type OpenTokArchive = Archive & {
  stop(cb?: Callback<OpenTokArchive>): unknown;
  delete(cb?: Callback): unknown;
};
/** A Broadcast with the SDK's `stop` helper. */
export type OpenTokBroadcast = Broadcast & { stop(cb?: Callback<OpenTokBroadcast>): unknown };

// Helpers live on prototypes and the client in a private field, so results stay cheap to build and
// serialise to exactly the REST record.
class ArchiveObject {
  readonly #client: VideoClient;
  declare id: string;
  constructor(client: VideoClient, a: Archive) {
    this.#client = client;
    Object.assign(this, a);
  }
  stop(cb?: Callback<OpenTokArchive>) {
    const c = this.#client;
    return deliver(
      c.stopArchive(this.id).then((x) => archiveObject(c, x)),
      cb as Callback<unknown>,
    );
  }
  delete(cb?: Callback) {
    return deliver(this.#client.deleteArchive(this.id), cb as Callback<unknown>);
  }
}

class BroadcastObject {
  readonly #client: VideoClient;
  declare id: string;
  constructor(client: VideoClient, b: Broadcast) {
    this.#client = client;
    Object.assign(this, b);
  }
  stop(cb?: Callback<OpenTokBroadcast>) {
    const c = this.#client;
    return deliver(
      c.stopBroadcast(this.id).then((x) => broadcastObject(c, x)),
      cb as Callback<unknown>,
    );
  }
}

/** Wraps an archive with the SDK's `stop` and `delete` helpers. */
export function archiveObject(client: VideoClient, a: Archive): OpenTokArchive {
  return new ArchiveObject(client, a) as unknown as OpenTokArchive;
}

/** Wraps a broadcast with the SDK's `stop` helper. */
export function broadcastObject(client: VideoClient, b: Broadcast): OpenTokBroadcast {
  return new BroadcastObject(client, b) as unknown as OpenTokBroadcast;
}

/** The SDK's third constructor argument: a base URL string or an options object. */
export type OpenTokEnv = string | { apiUrl?: string; timeout?: number; uaAddendum?: string; proxy?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Maps the SDK constructor arguments to VideoClient options (Vonage mode for appId + PEM key). */
export function clientOptions(
  apiKey: string | number,
  apiSecret: string,
  env: OpenTokEnv | undefined,
): VideoClientOptions {
  if ((typeof apiKey !== 'string' && typeof apiKey !== 'number') || typeof apiSecret !== 'string') {
    // Unlike the SDK, never echo the secret.
    throw new Error(
      'Invalid arguments when initializing OpenTok: apiKey must be a string or number and apiSecret a string.',
    );
  }
  const e = typeof env === 'string' ? { apiUrl: env } : (env ?? {});
  const common = {
    baseUrl: e.apiUrl,
    timeoutMs: e.timeout,
    proxy: e.proxy,
    userAgent: `video-chatops/0.1 OpenTok-compat node/${process.version}${e.uaAddendum ? ' ' + e.uaAddendum : ''}`,
  };
  const vonage =
    apiSecret.startsWith('-----BEGIN') && apiSecret.includes('PRIVATE KEY') && UUID.test(String(apiKey));
  return vonage
    ? { applicationId: String(apiKey), privateKey: apiSecret, ...common }
    : { apiKey, apiSecret, ...common };
}
