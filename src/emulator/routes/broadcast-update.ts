import { HttpError, type Router } from '../http.js';
import { objectBody, optEnum, RESOLUTIONS } from '../validate.js';
import { authed, P, type Api } from './context.js';

// PATCH .../broadcast/{id} {resolution}: changes a running broadcast's resolution (204).

/** Registers the broadcast-update route. */
export function broadcastUpdateRoutes(router: Router, api: Api): void {
  const { world } = api;
  router.add(
    'PATCH',
    `${P}/broadcast/:id`,
    authed(api, (ctx, projectId, [id]) => {
      const resolution = optEnum(objectBody(ctx.body), 'resolution', RESOLUTIONS);
      if (!resolution) throw new HttpError(400, `resolution is required: one of ${RESOLUTIONS.join(', ')}.`);
      const b = world.broadcasts.get(id ?? '');
      if (!b || b.projectId !== projectId) throw new HttpError(404, 'Broadcast not found.');
      if (b.status !== 'started') throw new HttpError(409, 'The broadcast has stopped.');
      b.resolution = resolution;
      b.updatedAt = Date.now();
      return { status: 204 };
    }),
  );
}
