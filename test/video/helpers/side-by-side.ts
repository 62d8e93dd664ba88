// Runs the official `opentok` package and our OpenTok layer through the same call against the same
// recording server, and reduces what came out (requests, callback arguments) to comparable values.
import { createRequire } from 'node:module';
import { OpenTok } from '../../../src/video/opentok.js';
import { Recorder, type Recorded, type Reply } from './recorder.js';

type MethodName =
  | 'createSession'
  | 'generateToken'
  | 'generateJwt'
  | 'startArchive'
  | 'stopArchive'
  | 'getArchive'
  | 'deleteArchive'
  | 'listArchives'
  | 'addArchiveStream'
  | 'removeArchiveStream'
  | 'setArchiveLayout'
  | 'startBroadcast'
  | 'stopBroadcast'
  | 'getBroadcast'
  | 'listBroadcasts'
  | 'addBroadcastStream'
  | 'removeBroadcastStream'
  | 'setBroadcastLayout'
  | 'startRender'
  | 'stopRender'
  | 'getRender'
  | 'listRenders'
  | 'getStream'
  | 'listStreams'
  | 'setStreamClassLists'
  | 'forceDisconnect'
  | 'forceMuteStream'
  | 'forceMuteAll'
  | 'disableForceMute'
  | 'signal'
  | 'dial'
  | 'playDTMF'
  | 'websocketConnect'
  | 'startCaptions'
  | 'stopCaptions'
  | 'registerCallback'
  | 'unregisterCallback'
  | 'listCallbacks';
/** A callback-style SDK as the tests drive it. */
export type Sdk = Record<MethodName, (...a: unknown[]) => unknown>;
/** A node-style callback handed to the SDK. */
export type Done = (...args: unknown[]) => void;
/** One call, written once for both SDKs. */
export type Invoke = (sdk: Sdk, done: Done) => unknown;

type ErrorCtor = new (...a: never[]) => Error;
const required = createRequire(import.meta.url)('opentok') as (new (
  k: string,
  s: string,
  env: unknown,
) => Sdk) &
  Record<string, ErrorCtor>;
/** The official package's constructor. */
export const Official = required;
const NAMES = [
  'ArgumentError',
  'AuthError',
  'ArchiveError',
  'CaptionsError',
  'SipError',
  'SignalError',
  'ForceDisconnectError',
  'CallbackError',
  'RequestError',
  'NotFoundError',
] as const;

/** The name under which an error's class is exported (official or ours), else its constructor's name. */
export function classOf(e: unknown, which: 'official' | 'ours'): string {
  if (!e || typeof e !== 'object') return typeof e;
  const lib = (which === 'official' ? Official : OpenTok) as unknown as Record<string, ErrorCtor>;
  for (const n of NAMES) if (Object.getPrototypeOf(e) === lib[n]!.prototype) return n;
  return (e as object).constructor?.name ?? 'Object';
}

/** What an error argument looks like to a caller that branches on it. */
export function errorView(e: unknown, which: 'official' | 'ours') {
  if (e === null || e === undefined) return e;
  return { class: classOf(e, which), message: (e as Error).message };
}

/** A result reduced to its data: enumerable keys, helper functions and the `ot` back-reference left out. */
export function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (typeof x !== 'function' && k !== 'ot') out[k] = shape(x);
    return out;
  }
  return v;
}

/** Method, path with query, and parsed body of a request. */
export function wire(r: Recorded | undefined) {
  if (!r) return undefined;
  const type = String(r.headers['content-type'] ?? '');
  const body = !r.body
    ? undefined
    : type.startsWith('application/json')
      ? (JSON.parse(r.body) as unknown)
      : Object.fromEntries(new URLSearchParams(r.body));
  return { method: r.method, url: r.url, body };
}

/** What one SDK did for one call. */
export interface Outcome {
  /** Arguments of the first callback call, or undefined when the call threw. */
  args?: unknown[];
  thrown?: unknown;
  requests: Recorded[];
}

/** The recorder and both SDKs pointed at it. */
export class SideBySide {
  readonly rec = new Recorder();
  official!: Sdk;
  ours!: Sdk;

  async start(): Promise<void> {
    await this.rec.start();
    this.official = new Official('123456', 'test-secret-0123456789abcdef', this.rec.url);
    // Quick retries, so the retry path runs in every status case without slowing the suite.
    this.ours = new OpenTok('123456', 'test-secret-0123456789abcdef', {
      apiUrl: this.rec.url,
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
    }) as unknown as Sdk;
  }

  async close(): Promise<void> {
    await (this.ours as unknown as OpenTok).close();
    await this.rec.close();
  }

  /** Runs `invoke` on one SDK with every request answered by `reply` (or the default replies). */
  async run(
    sdk: Sdk,
    invoke: Invoke,
    reply?: Reply | ((method: string, url: string) => Reply),
    linger = false,
  ): Promise<Outcome> {
    this.rec.reset();
    if (reply) this.rec.fallback = typeof reply === 'function' ? reply : () => reply;
    const out: Outcome = { requests: this.rec.requests };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the callback was never called')), 5000);
      const done = (...args: unknown[]) => {
        if (out.args) return;
        out.args = args;
        clearTimeout(timer);
        resolve();
      };
      try {
        invoke(sdk, done);
      } catch (e) {
        out.thrown = e;
        clearTimeout(timer);
        resolve();
      }
    });
    // Let a request the SDK sends after calling back (a known official bug) reach the recorder.
    if (linger) await new Promise((r) => setTimeout(r, 50));
    out.requests = [...this.rec.requests];
    return out;
  }
}
