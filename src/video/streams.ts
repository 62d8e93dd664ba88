// Stream calls under /v2/project/{id}/session/{sessionId}/stream.
import { z } from 'zod';
import { type Ctx, jsonParser, pageOf } from './context.js';
import {
  SessionConnectionSchema,
  StreamSchema,
  type CallOptions,
  type SessionConnection,
  type Stream,
  type StreamClassList,
} from './types.js';
import { classLists } from './validate-session.js';
import { id, sessionId } from './validate.js';

const parseStream = jsonParser(StreamSchema);
const parseStreamPage = jsonParser(pageOf(StreamSchema as z.ZodType<Stream>));
const parseConnectionPage = jsonParser(pageOf(SessionConnectionSchema as z.ZodType<SessionConnection>));

/** Gets one stream (parses the JSON reply, which the official SDK cannot). */
export function getStream(ctx: Ctx, sid: string, streamId: string, call?: CallOptions): Promise<Stream> {
  const path = `${ctx.p}/session/${sessionId(sid)}/stream/${id(streamId, 'streamId')}`;
  return ctx.transport.send(
    { method: 'GET', path, idempotent: true, what: 'session or stream', parse: parseStream },
    call,
  );
}

/** Lists the streams of a session. */
export async function listStreams(ctx: Ctx, sid: string, call?: CallOptions): Promise<Stream[]> {
  const path = `${ctx.p}/session/${sessionId(sid)}/stream`;
  const page = await ctx.transport.send(
    { method: 'GET', path, idempotent: true, what: 'session', parse: parseStreamPage },
    call,
  );
  return page.items;
}

/**
 * Lists the connections of a session (`GET .../session/{id}/connection`, in the Vonage Video API and
 * the .NET and Ruby server SDKs; the Node SDK has no such method).
 */
export async function listConnections(
  ctx: Ctx,
  sid: string,
  call?: CallOptions,
): Promise<SessionConnection[]> {
  const path = `${ctx.p}/session/${sessionId(sid)}/connection`;
  const page = await ctx.transport.send(
    { method: 'GET', path, idempotent: true, what: 'session', parse: parseConnectionPage },
    call,
  );
  return page.items;
}

/** Sets the layout class lists of streams. */
export function setStreamClassLists(
  ctx: Ctx,
  sid: string,
  lists: StreamClassList[],
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/session/${sessionId(sid)}/stream`;
  classLists(lists);
  const body = JSON.stringify({
    items: lists.map((l) => ({ id: l.id, layoutClassList: l.layoutClassList })),
  });
  return ctx.transport.send({ method: 'PUT', path, body, idempotent: true, what: 'session or stream' }, call);
}
