// Session, stream, moderation and signalling methods of the OpenTok compatibility layer.
import { isIPv4 } from 'node:net';
import { ArgumentError, plainError } from './opentok-errors.js';
import { OpenTokSession } from './opentok-results.js';
import { obj, refuse, settle, split, type Callback, type Core } from './opentok-support.js';
import type { SessionOptions, SignalPayload, StreamClassList } from './types.js';

type Cb = Callback<never, never> | Callback<unknown> | undefined;
const invalid = (why: string) => plainError(`Invalid arguments -- ${why}`);
const noString = (v: unknown) => !v || typeof v !== 'string';

/**
 * createSession(options?, cb): the official quiet fallbacks (an unknown mediaMode is relayed, an
 * unknown archiveMode manual; logged once at debug) and its two checks, with its messages.
 */
export function createSession(c: Core, args: unknown[]) {
  const [[o], cb] = split(args);
  const opts: Record<string, unknown> = { ...obj(o) };
  const fallback = (key: 'mediaMode' | 'archiveMode', allowed: string[], to: string) => {
    const v = opts[key];
    if (v === undefined) opts[key] = to;
    else if (!allowed.includes(v as string)) {
      c.debugOnce(
        key,
        `createSession: ${key} ${JSON.stringify(v)} is not one of ${allowed.join(', ')}; using ${to}, as the official package does.`,
      );
      opts[key] = to;
    }
  };
  fallback('mediaMode', ['routed', 'relayed'], 'relayed');
  fallback('archiveMode', ['manual', 'always'], 'manual');
  if (opts.archiveMode === 'always' && opts.mediaMode !== 'routed')
    return refuse(cb, plainError('A session with always archive mode must also have the routed media mode.'));
  if ('location' in opts && !isIPv4(opts.location as string))
    return refuse(
      cb,
      plainError('Invalid arguments when calling createSession, location must be an IPv4 address'),
    );
  const e2ee = opts.e2ee === 'true' ? true : opts.e2ee === 'false' ? false : opts.e2ee;
  const request: Record<string, unknown> = {
    mediaMode: opts.mediaMode,
    archiveMode: opts.archiveMode,
    location: opts.location,
    e2ee,
    archiveName: opts.archiveName,
    archiveResolution: opts.archiveResolution,
  };
  for (const k of Object.keys(request)) if (request[k] === undefined) delete request[k];
  const p = c.client
    .createSession(request as SessionOptions)
    .then((s) => new OpenTokSession(c.ot, s.sessionId, opts));
  return settle(c, 'createSession', p, cb);
}

/** getStream / listStreams: the official sessionId (and streamId) string checks. */
export function streams(c: Core, sessionId: unknown, streamId: unknown, cb: Cb) {
  if (noString(sessionId)) return refuse(cb, invalid('must provide a sessionId string.'));
  if (streamId === undefined) return settle(c, 'listStreams', c.client.listStreams(sessionId as string), cb);
  if (noString(streamId)) return refuse(cb, invalid('must provide a streamId string.'));
  return settle(c, 'getStream', c.client.getStream(sessionId as string, streamId as string), cb);
}

/** setStreamClassLists(sessionId, classListArray, cb) with the official element checks. */
export function setStreamClassLists(c: Core, sessionId: unknown, lists: unknown, cb: Cb) {
  if (typeof sessionId !== 'string') return refuse(cb, invalid('must provide an sessionId string.'));
  if (!Array.isArray(lists)) return refuse(cb, invalid('must provide a streamClassArray array.'));
  for (const l of lists as Array<{ id?: unknown; layoutClassList?: unknown }>) {
    if (typeof l?.id !== 'string')
      return refuse(cb, invalid('each element in the streamClassArray must have an id string.'));
    if (!Array.isArray(l.layoutClassList))
      return refuse(cb, invalid('each element in the streamClassArray must have a layoutClassList array.'));
    if (l.layoutClassList.some((x) => typeof x !== 'string'))
      return refuse(
        cb,
        invalid('each element in the layoutClassList array must be a string (defining class names).'),
      );
  }
  return settle(
    c,
    'setStreamClassLists',
    c.client.setStreamClassLists(sessionId, lists as StreamClassList[]),
    cb,
  );
}

/** forceDisconnect(sessionId, connectionId, cb). */
export function forceDisconnect(c: Core, sessionId: unknown, connectionId: unknown, cb: Cb) {
  if (sessionId == null || connectionId == null)
    return refuse(cb, new ArgumentError('No sessionId or connectionId given to forceDisconnect'));
  return settle(
    c,
    'forceDisconnect',
    c.client.forceDisconnect(sessionId as string, connectionId as string),
    cb,
  );
}

/** forceMuteStream(sessionId, streamId, cb). */
export function forceMuteStream(c: Core, sessionId: unknown, streamId: unknown, cb: Cb) {
  if (noString(sessionId)) return refuse(cb, invalid('must provide a sessionId string.'));
  if (streamId && typeof streamId !== 'string') return refuse(cb, invalid('streamId must be a string.'));
  return settle(c, 'forceMuteStream', c.client.forceMuteStream(sessionId as string, streamId as string), cb);
}

/** forceMuteAll(sessionId, options?, cb): the documented (misspelled) excudedStreamIds is sent correctly. */
export function forceMuteAll(c: Core, sessionId: unknown, args: unknown[]) {
  const [[o], cb] = split(args);
  if (noString(sessionId)) return refuse(cb, invalid('must provide a sessionId string.'));
  const opts = obj<{ excludedStreamIds?: string[]; excudedStreamIds?: unknown }>(o) ?? {};
  if (opts.excudedStreamIds && !Array.isArray(opts.excudedStreamIds))
    return refuse(cb, invalid('excudedStreamIds must be array.'));
  const ids = opts.excludedStreamIds ?? (opts.excudedStreamIds as string[] | undefined);
  const p = c.client.forceMuteAll(sessionId as string, ids ? { excludedStreamIds: ids } : {});
  return settle(c, 'forceMuteAll', p, cb);
}

/** disableForceMute(sessionId, cb). */
export function disableForceMute(c: Core, sessionId: unknown, cb: Cb) {
  if (noString(sessionId)) return refuse(cb, invalid('must provide a sessionId string.'));
  return settle(c, 'disableForceMute', c.client.disableForceMute(sessionId as string), cb);
}

/** signal(sessionId, connectionId?, payload, cb). */
export function signal(c: Core, sessionId: unknown, connectionId: unknown, payload: unknown, cb: Cb) {
  if (sessionId == null || payload == null)
    return refuse(cb, new ArgumentError('No sessionId or payload given to signal'));
  const to = connectionId ? (connectionId as string) : null;
  return settle(c, 'signal', c.client.signal(sessionId as string, to, payload as SignalPayload), cb);
}
