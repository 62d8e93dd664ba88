// Archive (recording) calls under /v2/project/{id}/archive.
import { pageOf, sendFor, sendOnly, type Ctx } from './context.js';
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
  return sendFor(
    ctx,
    { method: 'POST', path: `${ctx.p}/archive`, body, idempotent: false, what: 'session' },
    ArchiveSchema,
    call,
  );
}

/** Stops a recording (safe to repeat). */
export function stopArchive(ctx: Ctx, archiveId: string, call?: CallOptions): Promise<Archive> {
  const path = `${ctx.p}/archive/${id(archiveId, 'archiveId')}/stop`;
  return sendFor(ctx, { method: 'POST', path, body: '{}', idempotent: true, what: W }, ArchiveSchema, call);
}

/** Gets one archive. */
export function getArchive(ctx: Ctx, archiveId: string, call?: CallOptions): Promise<Archive> {
  const path = `${ctx.p}/archive/${id(archiveId, 'archiveId')}`;
  return sendFor(ctx, { method: 'GET', path, idempotent: true, what: W }, ArchiveSchema, call);
}

/** Lists archives, newest first. */
export function listArchives(ctx: Ctx, o?: ListOptions, call?: CallOptions): Promise<Page<Archive>> {
  listOptions(o);
  const path = `${ctx.p}/archive${listQuery(o)}`;
  return sendFor(ctx, { method: 'GET', path, idempotent: true, what: W }, pageOf(ArchiveSchema), call);
}

/** Deletes an available or uploaded archive. */
export function deleteArchive(ctx: Ctx, archiveId: string, call?: CallOptions): Promise<void> {
  const path = `${ctx.p}/archive/${id(archiveId, 'archiveId')}`;
  return sendOnly(ctx, { method: 'DELETE', path, idempotent: true, what: W }, call);
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
  return sendOnly(ctx, { method: 'PATCH', path, body, idempotent: true, what: 'archive or stream' }, call);
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
  return sendOnly(ctx, { method: 'PATCH', path, body, idempotent: true, what: 'archive or stream' }, call);
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
  return sendOnly(ctx, { method: 'PUT', path, body, idempotent: true, what: W }, call);
}
