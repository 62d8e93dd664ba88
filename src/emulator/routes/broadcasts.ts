import { createBroadcast, parseBroadcastOptions, stopBroadcastRecord } from '../broadcasting.js';
import { HttpError, type Router } from '../http.js';
import { broadcastJson } from '../serialize.js';
import type { BroadcastRecord } from '../types.js';
import { layout, objectBody, optBool, optString, paging } from '../validate.js';
import type { World } from '../world.js';
import { authed, P, type Api } from './context.js';

// Broadcast REST routes: start (also at ".../broadcast/" as the Vonage SDK sends it), stop, get,
// list, manual stream add/remove, layout.

function findBroadcast(world: World, projectId: string, id: string | undefined): BroadcastRecord {
  const b = world.broadcasts.get(id ?? '');
  if (!b || b.projectId !== projectId) throw new HttpError(404, 'Broadcast not found.');
  return b;
}

/** Registers the broadcast routes. */
export function broadcastRoutes(router: Router, api: Api): void {
  const { world } = api;
  const json = (b: BroadcastRecord) => ({
    status: 200,
    body: broadcastJson(
      b,
      world.sessions.get(b.sessionId),
      world.creds.isApplication(b.projectId) ? b.projectId : undefined,
    ),
  });

  router.add(
    'POST',
    `${P}/broadcast`,
    authed(api, (ctx, projectId) => {
      const input = parseBroadcastOptions(ctx.body, world.baseUrl());
      return json(createBroadcast(world, world.session(projectId, input.sessionId), input));
    }),
  );

  router.add(
    'GET',
    `${P}/broadcast`,
    authed(api, (ctx, projectId) => {
      const { offset, count } = paging(ctx.query);
      const sessionId = ctx.query.get('sessionId');
      const all = [...world.broadcasts.values()]
        .filter((b) => b.projectId === projectId && (!sessionId || b.sessionId === sessionId))
        .reverse();
      return {
        status: 200,
        body: { count: all.length, items: all.slice(offset, offset + count).map((b) => json(b).body) },
      };
    }),
  );

  router.add(
    'GET',
    `${P}/broadcast/:id`,
    authed(api, (_ctx, projectId, [id]) => json(findBroadcast(world, projectId, id))),
  );

  router.add(
    'POST',
    `${P}/broadcast/:id/stop`,
    authed(api, (_ctx, projectId, [id]) => {
      const b = findBroadcast(world, projectId, id);
      stopBroadcastRecord(world, b);
      return json(b);
    }),
  );

  router.add(
    'PATCH',
    `${P}/broadcast/:id/streams`,
    authed(api, (ctx, projectId, [id]) => {
      const body = objectBody(ctx.body);
      const add = optString(body, 'addStream');
      const remove = optString(body, 'removeStream');
      if (!add === !remove) throw new HttpError(400, 'Give exactly one of addStream or removeStream.');
      const b = findBroadcast(world, projectId, id);
      if (b.streamMode !== 'manual') throw new HttpError(405, 'The broadcast is not in manual stream mode.');
      if (b.status !== 'started') throw new HttpError(409, 'The broadcast has stopped.');
      const streamId = (add ?? remove)!;
      if (!world.sessions.get(b.sessionId)?.streams.has(streamId) && !b.manualStreams.has(streamId))
        throw new HttpError(404, 'Stream not found.');
      if (add)
        b.manualStreams.set(add, {
          hasAudio: optBool(body, 'hasAudio') ?? true,
          hasVideo: optBool(body, 'hasVideo') ?? true,
        });
      else b.manualStreams.delete(streamId);
      b.updatedAt = Date.now();
      return { status: 204 };
    }),
  );

  router.add(
    'PUT',
    `${P}/broadcast/:id/layout`,
    authed(api, (ctx, projectId, [id]) => {
      const next = layout(objectBody(ctx.body));
      const b = findBroadcast(world, projectId, id);
      if (b.status !== 'started') throw new HttpError(409, 'The broadcast has stopped.');
      b.layout = next;
      b.updatedAt = Date.now();
      return { status: 200 };
    }),
  );
}
