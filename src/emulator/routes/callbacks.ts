import { callbackJson, registerCallback } from '../callback-registry.js';
import { HttpError, type Router } from '../http.js';
import { authed, P, type Api } from './context.js';

// The project callback registry: register (200, the record), list (200, an array), remove (204).

/** Registers the callback-registry routes. */
export function callbackRoutes(router: Router, api: Api): void {
  const registry = api.world.projectCallbacks;

  router.add(
    'POST',
    `${P}/callback`,
    authed(api, (ctx, projectId) => ({
      status: 200,
      body: callbackJson(registerCallback(registry, projectId, ctx.body)),
    })),
  );

  router.add(
    'GET',
    `${P}/callback`,
    authed(api, (_ctx, projectId) => ({
      status: 200,
      body: [...registry.values()].filter((r) => r.projectId === projectId).map(callbackJson),
    })),
  );

  router.add(
    'DELETE',
    `${P}/callback/:id`,
    authed(api, (_ctx, projectId, [id]) => {
      const rec = registry.get(id ?? '');
      if (!rec || rec.projectId !== projectId) throw new HttpError(404, 'Callback not found.');
      registry.delete(rec.id);
      return { status: 204 };
    }),
  );
}
