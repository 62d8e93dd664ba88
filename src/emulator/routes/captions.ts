import { captionJson, parseCaptionOptions, startCaptionRun, stopCaptionRun } from '../captioning.js';
import type { CaptionRecord } from '../captioning.js';
import { HttpError, type Router } from '../http.js';
import { TokenError, verifyClientToken } from '../tokens.js';
import type { World } from '../world.js';
import { authed, P, type Api } from './context.js';

// Live-captions REST routes: start (202 {captionsId}), stop (202), status.

function findCaption(world: World, projectId: string, id: string | undefined): CaptionRecord {
  const c = world.captions.get(id ?? '');
  if (!c || c.projectId !== projectId) throw new HttpError(404, 'Captions not found.');
  return c;
}

/** Registers the captions routes. */
export function captionRoutes(router: Router, api: Api): void {
  const { world } = api;

  router.add(
    'POST',
    `${P}/captions`,
    authed(api, async (ctx, projectId) => {
      const opts = parseCaptionOptions(ctx.body);
      const session = world.session(projectId, opts.sessionId);
      const grant = await verifyClientToken(world.creds, opts.token, session.id).catch((err: unknown) => {
        throw err instanceof TokenError ? new HttpError(400, `Invalid token: ${err.message}`) : err;
      });
      const rec = startCaptionRun(world, session, opts, grant);
      return { status: 202, body: { captionsId: rec.id } };
    }),
  );

  router.add(
    'POST',
    `${P}/captions/:id/stop`,
    authed(api, (_ctx, projectId, [id]) => {
      stopCaptionRun(world, findCaption(world, projectId, id));
      return { status: 202 };
    }),
  );

  router.add(
    'GET',
    `${P}/captions/:id`,
    authed(api, (_ctx, projectId, [id]) => ({
      status: 200,
      body: captionJson(findCaption(world, projectId, id)),
    })),
  );
}
