import { createArchive, parseArchiveOptions, refreshArchives, stopArchiveRecord } from '../archiving.js';
import { HttpError, type Router } from '../http.js';
import { archiveJson } from '../serialize.js';
import type { ArchiveRecord } from '../types.js';
import { layout, objectBody, optBool, optString, paging } from '../validate.js';
import type { World } from '../world.js';
import { authed, P, type Api } from './context.js';

// Archive REST routes: start, stop, get, list, delete, manual stream add/remove, layout.

function findArchive(world: World, projectId: string, id: string | undefined): ArchiveRecord {
  const a = world.archives.get(id ?? '');
  if (!a || a.projectId !== projectId) throw new HttpError(404, 'Archive not found.');
  return a;
}

/** Registers the archive routes. */
export function archiveRoutes(router: Router, api: Api): void {
  const { world } = api;
  const json = (a: ArchiveRecord) => ({ status: 200, body: archiveJson(a, world.sessions.get(a.sessionId)) });

  router.add(
    'POST',
    `${P}/archive`,
    authed(api, (ctx, projectId) => {
      const opts = parseArchiveOptions(ctx.body);
      return json(createArchive(world, world.session(projectId, opts.sessionId), opts));
    }),
  );

  router.add(
    'GET',
    `${P}/archive`,
    authed(api, (ctx, projectId) => {
      const { offset, count } = paging(ctx.query);
      const sessionId = ctx.query.get('sessionId');
      const all = [...world.archives.values()]
        .filter((a) => a.projectId === projectId && (!sessionId || a.sessionId === sessionId))
        .reverse();
      const items = all
        .slice(offset, offset + count)
        .map((a) => archiveJson(a, world.sessions.get(a.sessionId)));
      return { status: 200, body: { count: all.length, items } };
    }),
  );

  router.add(
    'GET',
    `${P}/archive/:id`,
    authed(api, (_ctx, projectId, [id]) => json(findArchive(world, projectId, id))),
  );

  router.add(
    'POST',
    `${P}/archive/:id/stop`,
    authed(api, (_ctx, projectId, [id]) => {
      const a = findArchive(world, projectId, id);
      stopArchiveRecord(world, a);
      return json(a);
    }),
  );

  router.add(
    'DELETE',
    `${P}/archive/:id`,
    authed(api, (_ctx, projectId, [id]) => {
      const a = findArchive(world, projectId, id);
      if (a.status !== 'available')
        throw new HttpError(409, `The archive is ${a.status}; only an available archive can be deleted.`);
      world.archives.delete(a.id);
      return { status: 204 };
    }),
  );

  router.add(
    'PATCH',
    `${P}/archive/:id/streams`,
    authed(api, (ctx, projectId, [id]) => {
      const body = objectBody(ctx.body);
      const add = optString(body, 'addStream');
      const remove = optString(body, 'removeStream');
      if (!add === !remove) throw new HttpError(400, 'Give exactly one of addStream or removeStream.');
      const a = findArchive(world, projectId, id);
      if (a.streamMode !== 'manual') throw new HttpError(405, 'The archive is not in manual stream mode.');
      if (a.status !== 'started' && a.status !== 'paused')
        throw new HttpError(409, `The archive is ${a.status}, not recording.`);
      const session = world.sessions.get(a.sessionId)!;
      const streamId = (add ?? remove)!;
      if (!session.streams.has(streamId) && !a.manualStreams.has(streamId))
        throw new HttpError(404, 'Stream not found.');
      if (add)
        a.manualStreams.set(add, {
          hasAudio: optBool(body, 'hasAudio') ?? true,
          hasVideo: optBool(body, 'hasVideo') ?? true,
        });
      else a.manualStreams.delete(streamId);
      refreshArchives(world, session);
      return { status: 204 };
    }),
  );

  router.add(
    'PUT',
    `${P}/archive/:id/layout`,
    authed(api, (ctx, projectId, [id]) => {
      const next = layout(objectBody(ctx.body));
      const a = findArchive(world, projectId, id);
      if (a.outputMode !== 'composed') throw new HttpError(400, 'Layouts apply only to composed archives.');
      if (a.status !== 'started' && a.status !== 'paused')
        throw new HttpError(409, `The archive is ${a.status}, not recording.`);
      a.layout = next;
      a.updatedAt = Date.now();
      return { status: 200 };
    }),
  );
}
