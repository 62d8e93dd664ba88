import { HttpError, type Router } from '../http.js';
import { leaveSession } from '../meeting.js';
import type { SessionRecord } from '../types.js';
import { objectBody, optString } from '../validate.js';
import { authed, P, type Api } from './context.js';

// Signals, DTMF and force disconnect, to a whole session or one connection. Signals and DTMF are
// recorded so tests can read them back through the control API.

const SIGNAL_TYPE = /^[A-Za-z0-9\-_~]*$/;
const DTMF = /^[0-9*#p]+$/;

/** Registers signal, DTMF and force-disconnect routes. */
export function signalingRoutes(router: Router, api: Api): void {
  const { world } = api;

  const signal = authed(api, (ctx, projectId, [sid, cid]) => {
    const session = world.session(projectId, sid!);
    const recipients = target(session, cid);
    const body = objectBody(ctx.body);
    if (typeof body.data !== 'string') throw new HttpError(400, 'data is required and must be a string.');
    const type = optString(body, 'type', 100_000) ?? '';
    if (type.length > 128) throw new HttpError(413, 'The signal type is longer than 128 characters.');
    if (Buffer.byteLength(body.data) > 8192) throw new HttpError(413, 'The signal data is larger than 8 kB.');
    if (!SIGNAL_TYPE.test(type))
      throw new HttpError(400, 'The signal type may only contain letters, digits, "-", "_" and "~".');
    world.record(world.signals, {
      sessionId: session.id,
      connectionId: cid ?? null,
      type,
      data: body.data,
      recipients,
      at: Date.now(),
    });
    for (const id of recipients) world.feeds.push(id, { type: 'signal', signalType: type, data: body.data });
    return { status: 204 };
  });
  router.add('POST', `${P}/session/:sid/signal`, signal);
  router.add('POST', `${P}/session/:sid/connection/:cid/signal`, signal);

  const dtmf = authed(api, (ctx, projectId, [sid, cid]) => {
    const session = world.session(projectId, sid!);
    target(session, cid);
    const digits = objectBody(ctx.body).digits;
    if (typeof digits !== 'string' || !DTMF.test(digits))
      throw new HttpError(400, 'digits must be a non-empty string of 0-9, *, # and p.');
    world.record(world.dtmf, { sessionId: session.id, connectionId: cid ?? null, digits, at: Date.now() });
    return { status: 200 };
  });
  router.add('POST', `${P}/session/:sid/play-dtmf`, dtmf);
  router.add('POST', `${P}/session/:sid/connection/:cid/play-dtmf`, dtmf);

  router.add(
    'DELETE',
    `${P}/session/:sid/connection/:cid`,
    authed(api, (_ctx, projectId, [sid, cid]) => {
      target(world.session(projectId, sid!), cid);
      leaveSession(world, cid!, 'forceDisconnected');
      return { status: 204 };
    }),
  );
}

/** The connections addressed: one (404 if absent) or all of the session's. */
function target(session: SessionRecord, connectionId: string | undefined): string[] {
  if (connectionId === undefined) return [...session.connections.keys()];
  if (!session.connections.has(connectionId)) throw new HttpError(404, 'Connection not found.');
  return [connectionId];
}
