import type { AuthResult, RestAuth } from '../auth.js';
import type { Handler, RouteContext, RouteResult } from '../http.js';
import type { World } from '../world.js';

/** What every REST route module needs. */
export interface Api {
  world: World;
  auth: RestAuth;
}

/** The project prefix of every REST path: OpenTok API key or Vonage application ID. */
export const P = '/v2/project/:projectId';

/** A handler behind REST authentication for the project in the path; `args` are the other path params. */
export type ProjectHandler = (
  ctx: RouteContext,
  projectId: string,
  args: string[],
  auth: AuthResult,
) => RouteResult | Promise<RouteResult>;

/** Wraps a handler so it runs only for a request authenticated for the path's project. */
export function authed(api: Api, handler: ProjectHandler): Handler {
  return async (ctx) => {
    const auth = await api.auth.check(ctx.headers, ctx.params[0]);
    return handler(ctx, auth.projectId, ctx.params.slice(1), auth);
  };
}

/** The 200 body of moderation calls: project details, as the service answers. */
export function projectDetails(projectId: string): Record<string, unknown> {
  return {
    applicationId: projectId,
    status: 'ACTIVE',
    name: 'Emulated project',
    environment: 'standard',
    createdAt: 0,
  };
}
