// Live-streaming broadcast calls under /v2/project/{id}/broadcast.
import { type Ctx, jsonParser, pageOf } from './context.js';
import { layoutBody } from './archives.js';
import {
  BroadcastSchema,
  type Broadcast,
  type BroadcastOptions,
  type CallOptions,
  type LayoutType,
  type ListOptions,
  type Page,
  type ScreenshareType,
} from './types.js';
import type { BroadcastUpdate } from './types-captions.js';
import { broadcastOptions, RESOLUTIONS } from './validate-media.js';
import { fail, id, listOptions, listQuery, oneOf, optBool, sessionId } from './validate.js';

const parseBroadcast = jsonParser(BroadcastSchema);
const parseBroadcastPage = jsonParser(pageOf(BroadcastSchema));

const W = 'broadcast';

/** Starts a broadcast; body = options + sessionId + streamMode (default auto), like the official SDK. */
export function startBroadcast(
  ctx: Ctx,
  sid: string,
  o: BroadcastOptions,
  call?: CallOptions,
): Promise<Broadcast> {
  sessionId(sid);
  broadcastOptions(o);
  const body = JSON.stringify({ ...o, sessionId: sid, streamMode: o.streamMode ?? 'auto' });
  return ctx.transport.send(
    {
      method: 'POST',
      path: `${ctx.p}/broadcast`,
      body,
      idempotent: false,
      what: 'session',
      parse: parseBroadcast,
    },
    call,
  );
}

/** Stops a broadcast (safe to repeat). */
export function stopBroadcast(ctx: Ctx, broadcastId: string, call?: CallOptions): Promise<Broadcast> {
  const path = `${ctx.p}/broadcast/${id(broadcastId, 'broadcastId')}/stop`;
  return ctx.transport.send(
    { method: 'POST', path, body: '{}', idempotent: true, what: W, parse: parseBroadcast },
    call,
  );
}

/** Gets one broadcast. */
export function getBroadcast(ctx: Ctx, broadcastId: string, call?: CallOptions): Promise<Broadcast> {
  const path = `${ctx.p}/broadcast/${id(broadcastId, 'broadcastId')}`;
  return ctx.transport.send({ method: 'GET', path, idempotent: true, what: W, parse: parseBroadcast }, call);
}

/** Lists broadcasts. */
export function listBroadcasts(ctx: Ctx, o?: ListOptions, call?: CallOptions): Promise<Page<Broadcast>> {
  listOptions(o);
  const path = `${ctx.p}/broadcast${listQuery(o)}`;
  return ctx.transport.send(
    { method: 'GET', path, idempotent: true, what: W, parse: parseBroadcastPage },
    call,
  );
}

/** Adds a stream to a manual-mode broadcast, honouring hasAudio/hasVideo false (the SDK forces true). */
export function addBroadcastStream(
  ctx: Ctx,
  broadcastId: string,
  streamId: string,
  o: { hasAudio?: boolean; hasVideo?: boolean } = {},
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/broadcast/${id(broadcastId, 'broadcastId')}/streams`;
  id(streamId, 'streamId');
  optBool(o?.hasAudio, 'hasAudio');
  optBool(o?.hasVideo, 'hasVideo');
  const body = JSON.stringify({
    addStream: streamId,
    hasAudio: o?.hasAudio ?? true,
    hasVideo: o?.hasVideo ?? true,
  });
  return ctx.transport.send(
    { method: 'PATCH', path, body, idempotent: true, what: 'broadcast or stream' },
    call,
  );
}

/** Removes a stream from a manual-mode broadcast. */
export function removeBroadcastStream(
  ctx: Ctx,
  broadcastId: string,
  streamId: string,
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/broadcast/${id(broadcastId, 'broadcastId')}/streams`;
  id(streamId, 'streamId');
  const body = JSON.stringify({ removeStream: streamId });
  return ctx.transport.send(
    { method: 'PATCH', path, body, idempotent: true, what: 'broadcast or stream' },
    call,
  );
}

/** Changes the layout of a broadcast. */
export function setBroadcastLayout(
  ctx: Ctx,
  broadcastId: string,
  type: LayoutType,
  stylesheet?: string,
  screenshareType?: ScreenshareType,
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/broadcast/${id(broadcastId, 'broadcastId')}/layout`;
  const body = layoutBody(type, stylesheet, screenshareType);
  return ctx.transport.send({ method: 'PUT', path, body, idempotent: true, what: W }, call);
}

/** Changes a running broadcast's settings (today: its resolution), as `@vonage/video`'s updateBroadcast. */
export function updateBroadcast(
  ctx: Ctx,
  broadcastId: string,
  o: BroadcastUpdate,
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/broadcast/${id(broadcastId, 'broadcastId')}`;
  if (!o || typeof o !== 'object' || o.resolution === undefined)
    fail('updateBroadcast needs an object with the new resolution.');
  oneOf(o.resolution, 'resolution', RESOLUTIONS);
  const body = JSON.stringify({ resolution: o.resolution });
  return ctx.transport.send({ method: 'PATCH', path, body, idempotent: true, what: W }, call);
}
