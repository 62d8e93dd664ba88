// Broadcast and Experience Composer methods of the OpenTok compatibility layer.
import { numeric, layoutArguments } from './opentok-archives.js';
import { ArgumentError } from './opentok-errors.js';
import { broadcastObject } from './opentok-results.js';
import { obj, refuse, settle, split, type Callback, type Core } from './opentok-support.js';
import type { BroadcastOptions, LayoutType, ListOptions, RenderOptions } from './types.js';

type Cb = Callback<never, never> | Callback<unknown> | undefined;
const empty = (v: unknown) => v === null || v === undefined || (v as { length?: number }).length === 0;

/** startBroadcast(sessionId, options, cb): the official checks; the caller's options are not mutated. */
export function startBroadcast(c: Core, sessionId: unknown, options: unknown, cb: Cb) {
  if (empty(sessionId)) return refuse(cb, new ArgumentError('No sessionId given to startBroadcast'));
  if (!options || typeof options !== 'object')
    return refuse(cb, new ArgumentError('No options given to startBroadcast'));
  const hls = (options as BroadcastOptions).outputs?.hls;
  if (hls?.dvr && hls.lowLatency)
    return refuse(cb, new ArgumentError('Cannot set both dvr and lowLatency on HLS'));
  const p = c.client
    .startBroadcast(sessionId as string, options as BroadcastOptions)
    .then((b) => broadcastObject(c.ot, b));
  return settle(c, 'startBroadcast', p, cb);
}

/** stopBroadcast / getBroadcast: `No broadcast ID given` (also for undefined, where the SDK throws). */
export function broadcastById(c: Core, method: 'stopBroadcast' | 'getBroadcast', id: unknown, cb: Cb) {
  if (empty(id)) return refuse(cb, new ArgumentError('No broadcast ID given'));
  const p =
    method === 'stopBroadcast' ? c.client.stopBroadcast(id as string) : c.client.getBroadcast(id as string);
  return settle(
    c,
    method,
    p.then((b) => broadcastObject(c.ot, b)),
    cb,
  );
}

/** listBroadcasts(options?, cb): offset and count through parseInt, as the SDK builds its query. */
export function listBroadcasts(c: Core, args: unknown[]) {
  const [[o], cb] = split(args);
  const q = obj<{ offset?: unknown; count?: unknown; sessionId?: unknown }>(o) ?? {};
  const int = (v: unknown) => (v ? parseInt(String(v), 10) : undefined);
  const p = c.client
    .listBroadcasts({
      offset: int(q.offset),
      count: int(q.count),
      sessionId: q.sessionId ? (q.sessionId as string) : undefined,
    })
    .then((pg) => ({ count: pg.count, items: pg.items.map((b) => broadcastObject(c.ot, b)) }));
  return settle(c, 'listBroadcasts', p, cb, (pg) => [pg.items, pg.count]);
}

/** add/removeBroadcastStream with the official checks; add honours hasAudio/hasVideo false. */
export function patchBroadcast(c: Core, id: unknown, streamId: unknown, args: unknown[], add: boolean) {
  const [[o], cb] = split(args);
  if (add) {
    if (empty(id)) return refuse(cb, new ArgumentError('No broadcastId given to addBroadcastStream'));
    if (empty(streamId)) return refuse(cb, new ArgumentError('No streamId given to addBroadcastStream'));
    const f = obj(o);
    const flags = {
      hasAudio: f && Object.hasOwn(f, 'hasAudio') ? Boolean(f.hasAudio) : true,
      hasVideo: f && Object.hasOwn(f, 'hasVideo') ? Boolean(f.hasVideo) : true,
    };
    return settle(
      c,
      'addBroadcastStream',
      c.client.addBroadcastStream(id as string, streamId as string, flags),
      cb,
    );
  }
  if (empty(id)) return refuse(cb, new ArgumentError('No archiveId provided'));
  if (empty(streamId)) return refuse(cb, new ArgumentError('No streamId provided'));
  return settle(
    c,
    'removeBroadcastStream',
    c.client.removeBroadcastStream(id as string, streamId as string),
    cb,
  );
}

/** setBroadcastLayout(broadcastId, type, stylesheet?, screenshareType?, cb). */
export function setBroadcastLayout(c: Core, id: unknown, type: unknown, rest: unknown[]) {
  const a = layoutArguments('broadcastId', id, type, rest);
  if (a.error) return refuse(a.cb, a.error);
  const p = c.client.setBroadcastLayout(id as string, type as LayoutType, a.stylesheet, a.screenshareType);
  return settle(c, 'setBroadcastLayout', p, a.cb);
}

/** startRender / stopRender / getRender: no official checks beyond ours. */
export function render(c: Core, method: 'startRender' | 'stopRender' | 'getRender', arg: unknown, cb: Cb) {
  const p =
    method === 'startRender'
      ? c.client.startRender(arg as RenderOptions)
      : method === 'stopRender'
        ? c.client.stopRender(arg as string)
        : c.client.getRender(arg as string);
  return settle(c, method, p as Promise<unknown>, cb);
}

/** listRenders(options, cb): the raw {count, items}; a count outside 1..1000 is `Count is out of range`. */
export function listRenders(c: Core, args: unknown[]) {
  const [[o], cb] = split(args);
  const q = obj<ListOptions>(o);
  const count = numeric(q?.count) as number | undefined;
  if (count !== undefined && (count > 1000 || count < 1))
    return refuse(cb, new ArgumentError('Count is out of range'));
  const offset = q?.offset ? (numeric(q.offset) as number) : undefined;
  // The documented sessionId filter, which the SDK does not send, is applied (see README).
  const sessionId = q?.sessionId || undefined;
  return settle(c, 'listRenders', c.client.listRenders({ offset, count: count || undefined, sessionId }), cb);
}
