// Archive (recording) calls under /v2/project/{id}/archive.
import { type Ctx, jsonParser, pageOf } from './context.js';
import {
  ArchiveSchema,
  type Archive,
  type ArchiveOptions,
  type CallOptions,
  type LayoutType,
  type ListOptions,
  type Page,
  type ScreenshareType,
} from './types.js';
import { archiveOptions, layoutArgs } from './validate-media.js';
import { fail, id, listOptions, listQuery, optBool, sessionId } from './validate.js';

const parseArchive = jsonParser(ArchiveSchema);
const parseArchivePage = jsonParser(pageOf(ArchiveSchema));

const W = 'archive';

/** Starts recording a session; the body is `{sessionId, ...options}` like the official SDK. */
export function startArchive(
  ctx: Ctx,
  sid: string,
  o: ArchiveOptions = {},
  call?: CallOptions,
): Promise<Archive> {
  sessionId(sid);
  archiveOptions(o);
  const body = JSON.stringify({ sessionId: sid, ...o });
  return ctx.transport.send(
    {
      method: 'POST',
      path: `${ctx.p}/archive`,
      body,
      idempotent: false,
      what: 'session',
      parse: parseArchive,
    },
    call,
  );
}

/** Stops a recording (safe to repeat). */
export function stopArchive(ctx: Ctx, archiveId: string, call?: CallOptions): Promise<Archive> {
  const path = `${ctx.p}/archive/${id(archiveId, 'archiveId')}/stop`;
  return ctx.transport.send(
    { method: 'POST', path, body: '{}', idempotent: true, what: W, parse: parseArchive },
    call,
  );
}

/** Gets one archive. */
export function getArchive(ctx: Ctx, archiveId: string, call?: CallOptions): Promise<Archive> {
  const path = `${ctx.p}/archive/${id(archiveId, 'archiveId')}`;
  return ctx.transport.send({ method: 'GET', path, idempotent: true, what: W, parse: parseArchive }, call);
}

/** Lists archives, newest first. */
export function listArchives(ctx: Ctx, o?: ListOptions, call?: CallOptions): Promise<Page<Archive>> {
  listOptions(o);
  const path = `${ctx.p}/archive${listQuery(o)}`;
  return ctx.transport.send(
    { method: 'GET', path, idempotent: true, what: W, parse: parseArchivePage },
    call,
  );
}

/** Deletes an available or uploaded archive. */
export function deleteArchive(ctx: Ctx, archiveId: string, call?: CallOptions): Promise<void> {
  const path = `${ctx.p}/archive/${id(archiveId, 'archiveId')}`;
  return ctx.transport.send({ method: 'DELETE', path, idempotent: true, what: W }, call);
}

/** Adds (or re-flags) a stream in a manual-mode archive; flags default to true. */
export function addArchiveStream(
  ctx: Ctx,
  archiveId: string,
  streamId: string,
  o: { hasAudio?: boolean; hasVideo?: boolean } = {},
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/archive/${id(archiveId, 'archiveId')}/streams`;
  id(streamId, 'streamId');
  optBool(o?.hasAudio, 'hasAudio');
  optBool(o?.hasVideo, 'hasVideo');
  const body = JSON.stringify({
    hasAudio: o?.hasAudio ?? true,
    hasVideo: o?.hasVideo ?? true,
    addStream: streamId,
  });
  return ctx.transport.send(
    { method: 'PATCH', path, body, idempotent: true, what: 'archive or stream' },
    call,
  );
}

/** Removes a stream from a manual-mode archive. */
export function removeArchiveStream(
  ctx: Ctx,
  archiveId: string,
  streamId: string,
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/archive/${id(archiveId, 'archiveId')}/streams`;
  id(streamId, 'streamId');
  const body = JSON.stringify({ removeStream: streamId });
  return ctx.transport.send(
    { method: 'PATCH', path, body, idempotent: true, what: 'archive or stream' },
    call,
  );
}

/** Builds the `{type, stylesheet?, screenshareType?}` layout body after checking the rules. */
export function layoutBody(
  type: LayoutType,
  stylesheet?: string | null,
  screenshareType?: ScreenshareType | null,
): string {
  if (typeof type !== 'string') fail('type must be a layout type string.');
  layoutArgs(type, stylesheet ?? undefined, screenshareType ?? undefined, 'layout');
  const body: Record<string, string> = { type };
  if (stylesheet) body.stylesheet = stylesheet;
  if (screenshareType) body.screenshareType = screenshareType;
  return JSON.stringify(body);
}

/** Changes the layout of a composed archive. */
export function setArchiveLayout(
  ctx: Ctx,
  archiveId: string,
  type: LayoutType,
  stylesheet?: string,
  screenshareType?: ScreenshareType,
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/archive/${id(archiveId, 'archiveId')}/layout`;
  const body = layoutBody(type, stylesheet, screenshareType);
  return ctx.transport.send({ method: 'PUT', path, body, idempotent: true, what: W }, call);
}
