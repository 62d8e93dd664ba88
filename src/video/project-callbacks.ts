// The project callback registry under /v2/project/{id}/callback: which URL receives which event group.
import { z } from 'zod';
import { type Ctx, jsonParser } from './context.js';
import type { CallOptions } from './types.js';
import {
  CALLBACK_EVENTS,
  ProjectCallbackSchema,
  type CallbackRegistration,
  type ProjectCallback,
} from './types-captions.js';
import { fail, id, url } from './validate.js';

const parseCallback = jsonParser(ProjectCallbackSchema);
const parseCallbacks = jsonParser(
  z.union([
    z.array(ProjectCallbackSchema),
    z.looseObject({ items: z.array(ProjectCallbackSchema) }).transform((v) => v.items),
  ]),
);

/** Checks a registration: a known group, one of its events, and an http(s) URL. */
export function callbackRegistration(o: CallbackRegistration): void {
  if (!o || typeof o !== 'object') fail('the registration must be an object with group, event and url.');
  const events = (CALLBACK_EVENTS as Record<string, readonly string[]>)[o.group];
  if (typeof o.group !== 'string' || !events)
    fail(`group must be one of ${Object.keys(CALLBACK_EVENTS).join(', ')}.`);
  if (!events.includes(o.event)) fail(`event must be one of ${events.join(', ')} for the ${o.group} group.`);
  url(o.url, 'url', ['https:', 'http:']);
}

/** Registers the URL that receives one group's event for the whole project. */
export function registerCallback(
  ctx: Ctx,
  o: CallbackRegistration,
  call?: CallOptions,
): Promise<ProjectCallback> {
  callbackRegistration(o);
  const body = JSON.stringify({ group: o.group, event: o.event, url: o.url });
  return ctx.transport.send(
    {
      method: 'POST',
      path: `${ctx.p}/callback`,
      body,
      idempotent: false,
      what: 'project',
      parse: parseCallback,
    },
    call,
  );
}

/** Removes a registered callback (safe to repeat). */
export function unregisterCallback(ctx: Ctx, callbackId: string, call?: CallOptions): Promise<void> {
  const path = `${ctx.p}/callback/${id(callbackId, 'callbackId')}`;
  return ctx.transport.send({ method: 'DELETE', path, idempotent: true, what: 'callback' }, call);
}

/** Lists the project's registered callbacks. */
export function listCallbacks(ctx: Ctx, call?: CallOptions): Promise<ProjectCallback[]> {
  return ctx.transport.send(
    { method: 'GET', path: `${ctx.p}/callback`, idempotent: true, what: 'project', parse: parseCallbacks },
    call,
  );
}
