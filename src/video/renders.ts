// Experience Composer calls under /v2/project/{id}/render.
import { type Ctx, jsonParser, pageOf } from './context.js';
import {
  RenderSchema,
  type CallOptions,
  type ListOptions,
  type Page,
  type Render,
  type RenderOptions,
} from './types.js';
import { renderOptions } from './validate-media.js';
import { id, listOptions, listQuery } from './validate.js';

const parseRender = jsonParser(RenderSchema);
const parseRenderPage = jsonParser(pageOf(RenderSchema));

const W = 'render';

/** Starts a render; unlike the official SDK it sends `properties`. */
export function startRender(ctx: Ctx, o: RenderOptions, call?: CallOptions): Promise<Render> {
  renderOptions(o);
  const body = JSON.stringify({
    sessionId: o.sessionId,
    token: o.token,
    url: o.url,
    maxDuration: o.maxDuration ?? 1800,
    resolution: o.resolution ?? '1280x720',
    statusCallbackUrl: o.statusCallbackUrl,
    properties: o.properties,
  });
  return ctx.transport.send(
    { method: 'POST', path: `${ctx.p}/render`, body, idempotent: false, what: 'session', parse: parseRender },
    call,
  );
}

/** Stops a render (safe to repeat). */
export function stopRender(ctx: Ctx, renderId: string, call?: CallOptions): Promise<void> {
  const path = `${ctx.p}/render/${id(renderId, 'renderId')}`;
  return ctx.transport.send({ method: 'DELETE', path, idempotent: true, what: W }, call);
}

/** Gets one render. */
export function getRender(ctx: Ctx, renderId: string, call?: CallOptions): Promise<Render> {
  const path = `${ctx.p}/render/${id(renderId, 'renderId')}`;
  return ctx.transport.send({ method: 'GET', path, idempotent: true, what: W, parse: parseRender }, call);
}

/**
 * Lists renders. The REST endpoint takes only offset and count, so a `sessionId` filter is applied
 * to the returned page (the page `count` stays the service's total).
 */
export async function listRenders(ctx: Ctx, o?: ListOptions, call?: CallOptions): Promise<Page<Render>> {
  listOptions(o);
  const path = `${ctx.p}/render${listQuery(o, false)}`;
  const page = await ctx.transport.send(
    { method: 'GET', path, idempotent: true, what: W, parse: parseRenderPage },
    call,
  );
  if (!o?.sessionId) return page;
  return { count: page.count, items: page.items.filter((r) => r.sessionId === o.sessionId) };
}
