// Moderation and signalling calls: disconnect, mute, signal.
import { type Ctx } from './context.js';
import type { CallOptions, SignalPayload } from './types.js';
import { optConnection, signalPayload } from './validate-session.js';
import { fail, id, sessionId, stringArray } from './validate.js';

/** Disconnects a connection from a session. */
export function forceDisconnect(
  ctx: Ctx,
  sid: string,
  connectionId: string,
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/session/${sessionId(sid)}/connection/${id(connectionId, 'connectionId')}`;
  return ctx.transport.send(
    { method: 'DELETE', path, idempotent: true, what: 'session or connection' },
    call,
  );
}

/** Mutes one stream's audio (safe to repeat). */
export function forceMuteStream(ctx: Ctx, sid: string, streamId: string, call?: CallOptions): Promise<void> {
  const path = `${ctx.p}/session/${sessionId(sid)}/stream/${id(streamId, 'streamId')}/mute`;
  return ctx.transport.send(
    { method: 'POST', path, body: '{}', idempotent: true, what: 'session or stream' },
    call,
  );
}

/** Mutes every stream except `excludedStreamIds` (sent under its correct name, unlike the SDK's check). */
export function forceMuteAll(
  ctx: Ctx,
  sid: string,
  o: { excludedStreamIds?: string[] } = {},
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/session/${sessionId(sid)}/mute`;
  if (!o || typeof o !== 'object') fail('forceMuteAll options must be an object.');
  stringArray(o.excludedStreamIds, 'excludedStreamIds');
  const body = o.excludedStreamIds
    ? JSON.stringify({ excludedStreamIds: o.excludedStreamIds, active: true })
    : '{"active":true}';
  return ctx.transport.send({ method: 'POST', path, body, idempotent: true, what: 'session' }, call);
}

/** Ends the session's force-mute state for new streams. */
export function disableForceMute(ctx: Ctx, sid: string, call?: CallOptions): Promise<void> {
  const path = `${ctx.p}/session/${sessionId(sid)}/mute`;
  return ctx.transport.send(
    { method: 'POST', path, body: '{"active":false}', idempotent: true, what: 'session' },
    call,
  );
}

/** Sends a signal to a whole session or one connection (not repeated on failure: clients would see it twice). */
export function signal(
  ctx: Ctx,
  sid: string,
  connectionId: string | null,
  payload: SignalPayload,
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/session/${sessionId(sid)}${optConnection(connectionId)}/signal`;
  signalPayload(payload);
  const body = JSON.stringify(
    payload.type === undefined ? { data: payload.data } : { type: payload.type, data: payload.data },
  );
  return ctx.transport.send(
    { method: 'POST', path, body, idempotent: false, what: 'session or connection' },
    call,
  );
}
