import type { ServerResponse } from 'node:http';
import type { JoinDeps } from './deps.js';
import { EmulatorControlError, httpEmulatorControl, type EmulatorControl } from './emulator-control.js';
import { relayEvents } from './emulator-events.js';
import { sameOrigin } from './same-origin.js';
import { readGrant, signGrant, type EmulatorGrant } from './grant.js';
import { BadRequestError, readJson, sendJson, type JoinHandler } from './http.js';
import { joinProblem } from './problems.js';

// Emulator mode: the page has no media server to talk to, so our server relays its connect, publish,
// unpublish and leave to the emulator's control API, and its long poll of the connection's events.
// Each call carries the signed grant from the token exchange; the grant pins the session, the
// person's name, their connection and their own streams.

type Op = 'connect' | 'publish' | 'unpublish' | 'leave' | 'participants' | 'events';
const OPS: readonly Op[] = ['connect', 'publish', 'unpublish', 'leave', 'participants', 'events'];

/** Turns the configured emulator (a control object, such as the in-process Emulator, or a URL) into an {@link EmulatorControl}. */
export function emulatorControlOf(emulator: NonNullable<JoinDeps['emulator']>): EmulatorControl {
  // The in-process Emulator has both a url and the methods: calling it directly skips a loopback hop.
  if (typeof (emulator as Partial<EmulatorControl>).connect === 'function')
    return emulator as EmulatorControl;
  return httpEmulatorControl((emulator as { url: string }).url);
}

function fail(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}

async function run(
  deps: JoinDeps,
  control: EmulatorControl,
  op: Op,
  body: Record<string, unknown>,
  grant: EmulatorGrant,
  res: ServerResponse,
  shutdown: AbortSignal,
): Promise<void> {
  const issue = (g: EmulatorGrant) => signGrant(g, deps.ticketSecret);
  if (op === 'connect') {
    if (grant.c)
      return fail(res, 409, 'already_connected', 'This page is already connected; reload it to join again.');
    if (typeof body.token !== 'string' || body.token === '')
      return fail(res, 400, 'bad_request', 'The Video token is missing.');
    let connectionId: string;
    try {
      // heartbeat: the page's event poll keeps the connection alive; a closed or crashed tab times out.
      ({ connectionId } = await control.connect(grant.s, body.token, { name: grant.n, heartbeat: true }));
    } catch (err) {
      // The Video API does not know the session (any more): no wait or retry will help.
      if (statusOf(err) === 404) {
        const p = joinProblem('session_gone');
        return sendJson(res, p.status, {
          error: p.code,
          title: p.title,
          message: p.message,
          action: p.action,
        });
      }
      throw err;
    }
    const { streamId } = await control.publish(connectionId, { videoType: 'camera', name: grant.n });
    deps.log.info('join (emulator): connected', { meetingId: grant.m, connectionId, streamId });
    return sendJson(res, 200, {
      connectionId,
      streamId,
      grant: issue({ ...grant, c: connectionId, st: [streamId] }),
    });
  }
  if (!grant.c) return fail(res, 409, 'not_connected', 'Join the meeting first.');
  if (op === 'events') return relayEvents(deps, control, body, { ...grant, c: grant.c }, res, shutdown);
  const owned = grant.st ?? [];
  if (op === 'publish') {
    const videoType = body.videoType === 'screen' ? 'screen' : 'camera';
    const { streamId } = await control.publish(grant.c, {
      videoType,
      name: videoType === 'screen' ? `${grant.n} (screen)` : grant.n,
    });
    return sendJson(res, 200, { streamId, grant: issue({ ...grant, st: [...owned, streamId] }) });
  }
  if (op === 'unpublish') {
    const streamId = typeof body.streamId === 'string' ? body.streamId : '';
    if (!owned.includes(streamId))
      return fail(res, 403, 'not_your_stream', 'You can only stop streams you published.');
    await control.unpublish(streamId);
    return sendJson(res, 200, { grant: issue({ ...grant, st: owned.filter((s) => s !== streamId) }) });
  }
  if (op === 'leave') {
    await control.disconnect(grant.c);
    deps.log.info('join (emulator): left', { meetingId: grant.m, connectionId: grant.c });
    return sendJson(res, 200, { left: true });
  }
  // participants: everyone else in the meeting as the store knows them from the emulator's callbacks.
  const [connections, streams] = await Promise.all([
    deps.store.listConnections(grant.m),
    deps.store.listStreams(grant.m),
  ]);
  const others = connections
    .filter((c) => c.connectionId !== grant.c)
    .map((c) => ({
      connectionId: c.connectionId,
      name: c.name,
      kind: c.kind,
      streams: streams
        .filter((s) => s.connectionId === c.connectionId)
        .map((s) => ({ streamId: s.streamId, videoType: s.videoType, muted: s.muted })),
    }));
  return sendJson(res, 200, { participants: others });
}

/** The status the emulator answered with (the HTTP control client and the in-process emulator both carry it). */
function statusOf(err: unknown): number {
  return err instanceof EmulatorControlError
    ? err.status
    : Number((err as { status?: unknown } | null)?.status);
}

/** Handler for POST /join/emulator/:op (connect, publish, unpublish, leave, participants, events); `shutdown` ends waiting polls. */
export function emulatorHandler(
  deps: JoinDeps,
  shutdown: AbortSignal = new AbortController().signal,
): JoinHandler {
  const control = deps.emulator ? emulatorControlOf(deps.emulator) : null;
  return async (req, res, params) => {
    const op = params.op as Op;
    if (!control)
      return fail(res, 404, 'not_emulator', 'This server uses the real Video service, not the emulator.');
    if (!OPS.includes(op)) return fail(res, 404, 'not_found', 'No such emulator action.');
    if (!sameOrigin(req, deps.publicUrl))
      return fail(res, 403, 'cross_origin', 'This request must come from the join page itself.');
    let body: Record<string, unknown>;
    try {
      body = await readJson(req);
    } catch (err) {
      const e = err instanceof BadRequestError ? err : new BadRequestError('The request could not be read.');
      return fail(res, e.status, 'bad_request', e.message);
    }
    const grant = readGrant(body.grant, deps.ticketSecret, deps.now());
    if (!grant)
      return fail(
        res,
        403,
        'bad_grant',
        'This page’s session has expired; reload it or ask for a new link with /video join.',
      );
    try {
      await run(deps, control, op, body, grant, res, shutdown);
    } catch (err) {
      // A page that went away (or a bot shutting down) ends its poll: nothing to answer or report.
      if (res.headersSent || res.destroyed || shutdown.aborted) return;
      deps.log.warn('join (emulator) failed', { op, meetingId: grant.m, err });
      const status = statusOf(err);
      const refused = status >= 400 && status < 500;
      if (refused)
        fail(
          res,
          409,
          'emulator_refused',
          'The emulator refused this request; the meeting may have ended or your token expired.',
        );
      else fail(res, 502, 'emulator_unavailable', 'The emulator did not answer; try again in a moment.');
    }
  };
}
