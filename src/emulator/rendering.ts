import { HttpError } from './http.js';
import { newId } from './ids.js';
import { joinSession, leaveSession, publishStream } from './meeting.js';
import { emitRender, markRenderStopped } from './render-events.js';
import type { TokenGrant } from './tokens.js';
import type { RenderRecord, SessionRecord } from './types.js';
import { objectBody, optEnum, optInt, optObject, optString, RESOLUTIONS, reqString } from './validate.js';
import type { World } from './world.js';

// Experience Composer: starting -> started (joins the session as a connection with a stream)
// -> stopped ("Stop Requested" or "Max Duration Exceeded").

/** Parses and checks a start-render body. */
export function parseRenderOptions(raw: unknown): {
  sessionId: string;
  token: string;
  url: string;
  maxDuration: number;
  resolution: string;
  callbackUrl?: string;
  name: string;
} {
  const body = objectBody(raw);
  const url = reqString(body, 'url', 2048);
  if (!/^https?:\/\//.test(url)) throw new HttpError(400, 'url must be an http or https URL.');
  const callbackUrl = optString(body, 'statusCallbackUrl', 2048);
  if (callbackUrl && !/^https?:\/\//.test(callbackUrl))
    throw new HttpError(400, 'statusCallbackUrl must be an http or https URL.');
  const properties = optObject(body, 'properties') ?? {};
  return {
    sessionId: reqString(body, 'sessionId'),
    token: reqString(body, 'token'),
    url,
    maxDuration: optInt(body, 'maxDuration', 60, 36_000) ?? 1800,
    resolution: optEnum(body, 'resolution', RESOLUTIONS) ?? '1280x720',
    callbackUrl,
    name: optString(properties, 'name', 200) ?? 'Experience Composer',
  };
}

/** Creates a render in "starting" and schedules its start. */
export function createRender(
  world: World,
  session: SessionRecord,
  opts: ReturnType<typeof parseRenderOptions>,
  grant: TokenGrant,
): RenderRecord {
  const now = Date.now();
  const render: RenderRecord = {
    id: newId(),
    sessionId: session.id,
    projectId: session.projectId,
    createdAt: now,
    updatedAt: now,
    url: opts.url,
    resolution: opts.resolution,
    status: 'starting',
    callbackUrl: opts.callbackUrl,
    maxDuration: opts.maxDuration,
    name: opts.name,
    data: grant.data,
  };
  world.renders.set(render.id, render);
  scheduleRenderStart(world, render);
  return render;
}

/** After `timing.renderStartMs`, a starting render joins its session with a stream. */
export function scheduleRenderStart(world: World, render: RenderRecord): void {
  world.soon(world.timing.renderStartMs, () => {
    const session = world.sessions.get(render.sessionId);
    if (render.status !== 'starting' || !session) return;
    const conn = joinSession(world, session, {
      kind: 'render',
      name: render.name,
      data: render.data,
      role: 'publisher',
    });
    const stream = publishStream(world, conn, { videoType: 'camera', name: render.name });
    render.status = 'started';
    render.connectionId = conn.id;
    render.streamId = stream.id;
    render.updatedAt = Date.now();
    emitRender(world, render);
    armRenderTimeout(world, render);
  });
}

/** Arms the maxDuration stop of a started render, counted from when it started. */
export function armRenderTimeout(world: World, render: RenderRecord): void {
  const left = render.updatedAt + render.maxDuration * world.timing.secondMs - Date.now();
  world.later(Math.max(0, left), () => finishRender(world, render, 'Max Duration Exceeded'));
}

/** Stops a render (idempotent) and removes its connection from the session. */
export function finishRender(world: World, render: RenderRecord, reason: string): void {
  if (!markRenderStopped(render, reason)) return;
  const connectionId = render.connectionId;
  if (connectionId && world.connectionIndex.has(connectionId))
    leaveSession(world, connectionId, 'clientDisconnected');
  emitRender(world, render);
}
