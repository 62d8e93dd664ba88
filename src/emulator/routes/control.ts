import type { Control } from '../control.js';
import type { Faults } from '../faults.js';
import { HttpError, type Router } from '../http.js';
import type { FaultRule } from '../types.js';
import { heartbeat } from '../liveness.js';
import { objectBody, optBool, optString } from '../validate.js';
import type { World } from '../world.js';

// The HTTP control API under /_emulator/ (JSON). It has no authentication: the emulator binds to
// loopback by default and is a test/demo tool; the join page reaches it through our own server.

/** What the control routes act on. */
export interface ControlDeps {
  world: World;
  control: Control;
  faults: Faults;
  reset(): void;
}

const MEDIA = Buffer.from('emulated archive\n');

/** Registers the /_emulator/ routes. */
export function controlRoutes(router: Router, deps: ControlDeps): void {
  const { world, control, faults } = deps;
  const E = '/_emulator';

  router.add('POST', `${E}/sessions/:sid/connections`, async (ctx) => {
    const body = objectBody(ctx.body);
    const token = body.token;
    if (typeof token !== 'string' || token === '') throw new HttpError(400, 'token is required.');
    return {
      status: 201,
      body: await control.connect(ctx.params[0]!, token, {
        name: optString(body, 'name', 200),
        heartbeat: optBool(body, 'heartbeat') ?? false,
      }),
    };
  });
  router.add('POST', `${E}/connections/:cid/heartbeat`, (ctx) => {
    heartbeat(world, ctx.params[0]!);
    return { status: 204 };
  });
  router.add('GET', `${E}/connections/:cid/events`, async (ctx) => {
    const after = Number(ctx.query.get('after') ?? '0');
    const waitMs = Number(ctx.query.get('wait') ?? '0');
    if (!Number.isInteger(after) || after < 0) throw new HttpError(400, 'after must be a whole number.');
    if (!Number.isFinite(waitMs) || waitMs < 0) throw new HttpError(400, 'wait must be a number of ms.');
    const epoch = ctx.query.get('epoch') ?? undefined;
    return {
      status: 200,
      body: await control.events(ctx.params[0]!, { after, epoch, waitMs, signal: ctx.signal }),
    };
  });
  // Lets a bot find out that its Video API URL is this emulator (console `sim`, demo join page).
  router.add('GET', `${E}/info`, () => ({
    status: 200,
    body: {
      emulator: true,
      name: 'video-chatops Video API emulator',
      callbacksConfigured: world.callbacks.url !== undefined,
    },
  }));
  router.add('PUT', `${E}/callback-url`, (ctx) => {
    const url = optString(objectBody(ctx.body), 'url', 2048);
    if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url))
      throw new HttpError(400, 'url must be an http or https URL.');
    world.callbacks.setUrl(url);
    return { status: 204 };
  });
  router.add('POST', `${E}/connections/:cid/streams`, (ctx) => {
    const body = objectBody(ctx.body);
    return { status: 201, body: control.publish(ctx.params[0]!, body) };
  });
  router.add('DELETE', `${E}/streams/:id`, (ctx) => {
    control.unpublish(ctx.params[0]!, ctx.query.get('reason') ?? undefined);
    return { status: 204 };
  });
  router.add('DELETE', `${E}/connections/:id`, (ctx) => {
    control.disconnect(ctx.params[0]!, ctx.query.get('reason') ?? undefined);
    return { status: 204 };
  });
  router.add('GET', `${E}/sessions/:sid`, (ctx) => ({ status: 200, body: control.snapshot(ctx.params[0]!) }));
  router.add('GET', `${E}/signals`, (ctx) => ({
    status: 200,
    body: bySession(world.signals, ctx.query.get('sessionId')),
  }));
  router.add('GET', `${E}/dtmf`, (ctx) => ({
    status: 200,
    body: bySession(world.dtmf, ctx.query.get('sessionId')),
  }));
  router.add('GET', `${E}/callbacks`, () => ({ status: 200, body: world.callbacks.deliveries }));
  router.add('POST', `${E}/faults`, (ctx) => {
    faults.add(objectBody(ctx.body) as unknown as FaultRule);
    return { status: 201 };
  });
  router.add('DELETE', `${E}/faults`, () => {
    faults.clear();
    return { status: 204 };
  });
  router.add('POST', `${E}/reset`, () => {
    deps.reset();
    return { status: 204 };
  });
  router.add('GET', `${E}/media/:file`, (ctx) => {
    const id = ctx.params[0]!.replace(/\.mp4$/, '');
    if (world.archives.get(id)?.status !== 'available') throw new HttpError(404, 'Archive media not found.');
    return { status: 200, body: MEDIA, contentType: 'video/mp4' };
  });
}

function bySession<T extends { sessionId: string }>(records: T[], sessionId: string | null): T[] {
  return sessionId ? records.filter((r) => r.sessionId === sessionId) : records;
}
