import { createHmac, timingSafeEqual } from 'node:crypto';
import type { JoinDeps } from './deps.js';
import { sameOrigin } from './same-origin.js';
import { BadRequestError, readJson, sendJson, type JoinHandler } from './http.js';
import { joinProblem } from './problems.js';
import { createTicket, type TicketClaims } from './tickets.js';

// After leaving (or losing the connection), the page offers "Rejoin": a fresh join link for the same
// person, meeting and role, valid only until the original link would have expired. The page holds a
// signed pass for that from the token exchange; the MAC is domain-separated from tickets and grants,
// so none of them can be passed off as another. The same pass lets the page ask whether the meeting
// is still on (after a moderator disconnected it: removed, or the meeting ended?).

/** Who may rejoin what, until when (the original ticket's expiry). */
export type RejoinPass = Pick<TicketClaims, 'm' | 'u' | 'n' | 'r' | 'exp'>;

function mac(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`join-rejoin-pass:${body}`).digest();
}

/** Signs a pass as base64url(JSON) + '.' + base64url(MAC). */
export function signRejoinPass(pass: RejoinPass, secret: string): string {
  const body = Buffer.from(JSON.stringify(pass)).toString('base64url');
  return `${body}.${mac(body, secret).toString('base64url')}`;
}

/** The pass when its signature holds (expired or not: the caller decides), otherwise null. */
export function readRejoinPass(value: unknown, secret: string): RejoinPass | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const body = value.slice(0, dot);
  const sig = Buffer.from(value.slice(dot + 1), 'base64url');
  const want = mac(body, secret);
  if (sig.length !== want.length || !timingSafeEqual(sig, want)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as RejoinPass;
    const ok =
      typeof p.m === 'string' &&
      typeof p.u === 'string' &&
      typeof p.n === 'string' &&
      (p.r === 'moderator' || p.r === 'publisher') &&
      typeof p.exp === 'number';
    return ok ? p : null;
  } catch {
    return null;
  }
}

async function readPass(
  deps: JoinDeps,
  req: Parameters<JoinHandler>[0],
  res: Parameters<JoinHandler>[1],
): Promise<RejoinPass | null> {
  if (!sameOrigin(req, deps.publicUrl)) {
    sendJson(res, 403, {
      error: 'cross_origin',
      message: 'This request must come from the join page itself.',
    });
    return null;
  }
  let body: Record<string, unknown>;
  try {
    body = await readJson(req);
  } catch (err) {
    const e = err instanceof BadRequestError ? err : new BadRequestError('The request could not be read.');
    sendJson(res, e.status, { error: 'bad_request', message: e.message });
    return null;
  }
  const pass = readRejoinPass(body.pass, deps.ticketSecret);
  if (!pass) {
    const p = joinProblem('forged');
    sendJson(res, p.status, { error: p.code, title: p.title, message: p.message, action: p.action });
  }
  return pass;
}

function refuse(res: Parameters<JoinHandler>[1], code: Parameters<typeof joinProblem>[0]): void {
  const p = joinProblem(code);
  sendJson(res, p.status, { error: p.code, title: p.title, message: p.message, action: p.action });
}

/** Handler for POST /join/rejoin: a fresh link (`{path}`) for the pass holder while the meeting runs and the pass is valid. */
export function rejoinHandler(deps: JoinDeps): JoinHandler {
  return async (req, res) => {
    const pass = await readPass(deps, req, res);
    if (!pass) return;
    const now = deps.now();
    try {
      const meeting = await deps.store.getMeeting(pass.m);
      if (!meeting) return refuse(res, 'unknown_meeting');
      if (meeting.status !== 'active') return refuse(res, 'meeting_ended');
    } catch (err) {
      deps.log.error('rejoin: store unavailable', { err });
      return refuse(res, 'unavailable');
    }
    if (pass.exp <= now) return refuse(res, 'expired');
    const ticket = createTicket(
      { m: pass.m, u: pass.u, n: pass.n, r: pass.r },
      deps.ticketSecret,
      now,
      pass.exp - now,
    );
    deps.log.info('join: rejoin link issued', { meetingId: pass.m, userId: pass.u });
    sendJson(res, 200, { path: `/join/${ticket}` });
  };
}

/** Handler for POST /join/status: whether the pass's meeting is still on (`{meeting: 'active'|'ended'}`). */
export function statusHandler(deps: JoinDeps): JoinHandler {
  return async (req, res) => {
    const pass = await readPass(deps, req, res);
    if (!pass) return;
    try {
      const meeting = await deps.store.getMeeting(pass.m);
      sendJson(res, 200, { meeting: meeting?.status === 'active' ? 'active' : 'ended' });
    } catch (err) {
      deps.log.error('join status: store unavailable', { err });
      refuse(res, 'unavailable');
    }
  };
}
