import { HttpError, type Router } from '../http.js';
import { createRender, finishRender, parseRenderOptions } from '../rendering.js';
import { renderJson } from '../serialize.js';
import { TokenError, verifyClientToken } from '../tokens.js';
import type { RenderRecord } from '../types.js';
import { paging } from '../validate.js';
import type { World } from '../world.js';
import { authed, P, type Api } from './context.js';

// Experience Composer REST routes: start (202, "starting"), get, list, stop (204).

function findRender(world: World, projectId: string, id: string | undefined): RenderRecord {
  const r = world.renders.get(id ?? '');
  if (!r || r.projectId !== projectId) throw new HttpError(404, 'Render not found.');
  return r;
}

/** Registers the render routes. */
export function renderRoutes(router: Router, api: Api): void {
  const { world } = api;
  const appIdOf = (projectId: string) => (world.creds.isApplication(projectId) ? projectId : undefined);

  router.add(
    'POST',
    `${P}/render`,
    authed(api, async (ctx, projectId) => {
      const opts = parseRenderOptions(ctx.body);
      const session = world.session(projectId, opts.sessionId);
      const grant = await verifyClientToken(world.creds, opts.token, session.id).catch((err: unknown) => {
        throw err instanceof TokenError ? new HttpError(400, `Invalid token: ${err.message}`) : err;
      });
      if (grant.role !== 'publisher' && grant.role !== 'moderator')
        throw new HttpError(400, 'The render token needs the publisher or moderator role.');
      return { status: 202, body: renderJson(createRender(world, session, opts, grant), appIdOf(projectId)) };
    }),
  );

  router.add(
    'GET',
    `${P}/render`,
    authed(api, (ctx, projectId) => {
      const { offset, count } = paging(ctx.query);
      const sessionId = ctx.query.get('sessionId');
      const all = [...world.renders.values()]
        .filter((r) => r.projectId === projectId && (!sessionId || r.sessionId === sessionId))
        .reverse();
      return {
        status: 200,
        body: {
          count: all.length,
          items: all.slice(offset, offset + count).map((r) => renderJson(r, appIdOf(projectId))),
        },
      };
    }),
  );

  router.add(
    'GET',
    `${P}/render/:id`,
    authed(api, (_ctx, projectId, [id]) => ({
      status: 200,
      body: renderJson(findRender(world, projectId, id), appIdOf(projectId)),
    })),
  );

  router.add(
    'DELETE',
    `${P}/render/:id`,
    authed(api, (_ctx, projectId, [id]) => {
      finishRender(world, findRender(world, projectId, id), 'Stop Requested');
      return { status: 204 };
    }),
  );
}
