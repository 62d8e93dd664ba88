// Archive methods of the OpenTok compatibility layer, with the official argument checks and messages.
import { ArgumentError, RequestError, plainError } from './opentok-errors.js';
import { archiveObject, type OpenTokArchive } from './opentok-results.js';
import { obj, refuse, settle, split, type Callback, type Core } from './opentok-support.js';
import type { Archive, LayoutType, ScreenshareType } from './types.js';

type Cb = Callback<never, never> | Callback<unknown> | undefined;

/** Numbers given as numeric strings, as the official query builders accept them. */
export function numeric(v: unknown): unknown {
  return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
}

/** startArchive(sessionId, options?, cb): the archive must come back `started`, as the SDK insists. */
export function startArchive(c: Core, sessionId: unknown, args: unknown[]) {
  const [[o], cb] = split(args);
  if (!sessionId) return refuse(cb, new ArgumentError('No session ID given'));
  const p = c.client.startArchive(sessionId as string, obj(o)).then((a) => {
    if (a.status !== 'started')
      throw new RequestError('Unexpected response from OpenTok: ' + JSON.stringify(a));
    return archiveObject(c.ot, a);
  });
  return settle(c, 'startArchive', p, cb);
}

/** stopArchive / getArchive / deleteArchive share the official `No archive ID given` check. */
export function archiveById(
  c: Core,
  method: 'stopArchive' | 'getArchive' | 'deleteArchive',
  id: unknown,
  cb: Cb,
) {
  if (!id) return refuse(cb, new ArgumentError('No archive ID given'));
  const archiveId = id as string;
  if (method === 'deleteArchive') return settle(c, method, c.client.deleteArchive(archiveId), cb);
  const p: Promise<Archive> =
    method === 'stopArchive' ? c.client.stopArchive(archiveId) : c.client.getArchive(archiveId);
  return settle(
    c,
    method,
    p.then((a) => archiveObject(c.ot, a)),
    cb,
  );
}

/** listArchives(options?, cb): calls back with (err, archives, totalCount). */
export function listArchives(c: Core, args: unknown[]) {
  const [[o], cb] = split(args);
  const q = obj<{ offset?: unknown; count?: unknown; sessionId?: unknown }>(o) ?? {};
  const p = c.client
    .listArchives({
      offset: q.offset ? (numeric(q.offset) as number) : undefined,
      count: q.count ? (numeric(q.count) as number) : undefined,
      sessionId: q.sessionId ? (q.sessionId as string) : undefined,
    })
    .then((pg) => ({ count: pg.count, items: pg.items.map((a) => archiveObject(c.ot, a)) }));
  return settle(c, 'listArchives', p, cb, (pg) => [pg.items, pg.count]);
}

/** add/removeArchiveStream: the official checks, and flags coerced with Boolean() (default true). */
export function patchArchive(c: Core, archiveId: unknown, streamId: unknown, args: unknown[], add: boolean) {
  const [[o], cb] = split(args);
  if (!archiveId) return refuse(cb, new ArgumentError('No Archive ID given'));
  // The SDK reports this and then sends the request anyway (a second callback); we stop here.
  if (!streamId) return refuse(cb, new ArgumentError('Need one of addStream or removeStream'));
  if (!add)
    return settle(
      c,
      'removeArchiveStream',
      c.client.removeArchiveStream(archiveId as string, streamId as string),
      cb,
    );
  const f = obj(o);
  const flags = {
    hasAudio: f && Object.hasOwn(f, 'hasAudio') ? Boolean(f.hasAudio) : true,
    hasVideo: f && Object.hasOwn(f, 'hasVideo') ? Boolean(f.hasVideo) : true,
  };
  return settle(
    c,
    'addArchiveStream',
    c.client.addArchiveStream(archiveId as string, streamId as string, flags),
    cb,
  );
}

/** The official layout-argument rules shared by setArchiveLayout and setBroadcastLayout. */
export function layoutArguments(
  idName: 'archiveId' | 'broadcastId',
  id: unknown,
  type: unknown,
  rest: unknown[],
): { cb: Cb; error?: Error; stylesheet?: string; screenshareType?: ScreenshareType } {
  let [stylesheet, screenshareType, cb] = rest as [unknown, unknown, Cb];
  const bad = (why: string) => ({ cb, error: plainError(`Invalid arguments -- ${why}`) });
  if (typeof cb !== 'function') cb = undefined;
  const article = idName === 'archiveId' ? 'an archiveId' : 'an broadcastId';
  // The SDK checks these before it finds a callback given early (and then throws a TypeError);
  // we report them to that callback.
  const early = () => ({ cb: cb ?? (rest.find((a) => typeof a === 'function') as Cb) });
  if (typeof id !== 'string') return { ...bad(`must provide ${article} string.`), ...early() };
  if (typeof type !== 'string') return { ...bad('must provide a type string.'), ...early() };
  if (typeof stylesheet === 'function') {
    if (cb) return bad('stylesheet cannot be a function.');
    cb = stylesheet as Cb;
    stylesheet = undefined;
  } else if (stylesheet && typeof stylesheet !== 'string') return bad('stylesheet must be a string.');
  if (typeof screenshareType === 'function') {
    if (cb) return bad('screenshareType cannot be a function.');
    cb = screenshareType as Cb;
    screenshareType = undefined;
  } else if (screenshareType && typeof screenshareType !== 'string')
    return bad('screenshareType must be a string.');
  else if (screenshareType && type !== 'bestFit')
    return bad('type must be set to "bestFit" if you set screenshareType.');
  return {
    cb,
    stylesheet: (stylesheet || undefined) as string | undefined,
    screenshareType: (screenshareType || undefined) as ScreenshareType | undefined,
  };
}

/** setArchiveLayout(archiveId, type, stylesheet?, screenshareType?, cb). */
export function setArchiveLayout(c: Core, archiveId: unknown, type: unknown, rest: unknown[]) {
  const a = layoutArguments('archiveId', archiveId, type, rest);
  if (a.error) return refuse(a.cb, a.error);
  const p = c.client.setArchiveLayout(
    archiveId as string,
    type as LayoutType,
    a.stylesheet,
    a.screenshareType,
  );
  return settle(c, 'setArchiveLayout', p, a.cb);
}

export type { OpenTokArchive };
