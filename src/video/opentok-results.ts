// The result objects the official package hands to callbacks: Session, Archive, Broadcast and
// Callback, with their helper methods. Helpers are non-enumerable own closures, so they work unbound
// like the SDK's while results serialise to exactly the REST record (the official `Session.ot`
// back-reference is kept, but not enumerable: it holds the credentials).
import type { OpenTok } from './opentok.js';
import type { Callback } from './opentok-support.js';
import type { Archive, Broadcast, Session, TokenOptions } from './types.js';
import type { ProjectCallback } from './types-captions.js';

/** The Session object handed to createSession callbacks. */
export class OpenTokSession {
  declare readonly ot: OpenTok;
  declare sessionId: string;
  declare mediaMode: Session['mediaMode'];
  declare archiveMode: Session['archiveMode'];
  declare location?: string;
  declare e2ee?: boolean;
  constructor(ot: OpenTok, sessionId: string, properties: Record<string, unknown>) {
    Object.defineProperty(this, 'ot', { value: ot, enumerable: false });
    this.sessionId = sessionId;
    Object.assign(this, properties);
  }
  /** Mints a token for this session (the SDK forwards only the options: always the JWT format). */
  generateToken(opts?: TokenOptions): string {
    return this.ot.generateToken(this.sessionId, opts);
  }
}

/** An Archive with the SDK's `stop` and `delete` helpers. */
export type OpenTokArchive = Archive & {
  stop(cb?: Callback<OpenTokArchive>): unknown;
  delete(cb?: Callback): unknown;
};
/** A Broadcast with the SDK's `stop` helper. */
export type OpenTokBroadcast = Broadcast & { stop(cb?: Callback<OpenTokBroadcast>): unknown };
/** A registered project callback with the SDK's `unregister` helper. */
export type OpenTokCallback = ProjectCallback & { unregister(cb?: Callback): unknown };

/** Adds helper methods that work unbound (like the SDK's closures) but stay out of Object.keys and JSON. */
function withHelpers<T extends object>(
  record: T,
  helpers: Record<string, (cb?: Callback<never, never>) => unknown>,
): T {
  for (const [name, value] of Object.entries(helpers))
    Object.defineProperty(record, name, { value, enumerable: false, writable: true, configurable: true });
  return record;
}

/** Wraps an archive with the SDK's `stop` and `delete` helpers. */
export function archiveObject(ot: OpenTok, a: Archive): OpenTokArchive {
  const { id } = a;
  return withHelpers(
    { ...a },
    {
      stop: (cb) => ot.stopArchive(id, cb as Callback<OpenTokArchive>),
      delete: (cb) => ot.deleteArchive(id, cb as Callback),
    },
  ) as OpenTokArchive;
}

/** Wraps a broadcast with the SDK's `stop` helper, leaving out `event` and `partnerId` like the SDK. */
export function broadcastObject(ot: OpenTok, b: Broadcast): OpenTokBroadcast {
  const {
    event: _event,
    partnerId: _partnerId,
    ...rest
  } = b as Broadcast & { event?: unknown; partnerId?: unknown };
  const { id } = b;
  return withHelpers(rest, {
    stop: (cb) => ot.stopBroadcast(id, cb as Callback<OpenTokBroadcast>),
  }) as OpenTokBroadcast;
}

/** Wraps a registered callback with an `unregister` helper (the SDK's calls a function that does not exist). */
export function callbackObject(ot: OpenTok, c: ProjectCallback): OpenTokCallback {
  const { id } = c;
  return withHelpers(
    { ...c },
    { unregister: (cb) => ot.unregisterCallback(id, cb as Callback) },
  ) as OpenTokCallback;
}
