import type { ServerResponse } from 'node:http';
import { connectionData } from '../identity.js';
import { isVideoError } from '../video/errors.js';
import { TICKET_SCOPE, checkTicket } from './check.js';
import { JOIN_TOKEN_TTL_S, type JoinDeps } from './deps.js';
import { GRANT_TTL_MS, signGrant } from './grant.js';
import { BadRequestError, readJson, sendHtml, sendJson, type JoinHandler } from './http.js';
import { renderJoinPage, renderProblemPage } from './page.js';
import { joinProblem } from './problems.js';
import { signRejoinPass } from './rejoin.js';
import { sameOrigin } from './same-origin.js';

// GET /join/:ticket shows the page without using the ticket up (link unfurlers and prefetchers fetch
// links too); only the page's own POST, after the person clicks Join, exchanges it, exactly once.

/** How long a used ticket's record outlives the ticket (clock skew between replicas). */
export const USED_TICKET_MARGIN_MS = 60_000;

/** Handler for GET /join/:ticket: the page, or a friendly page saying why the link cannot be used. */
export function joinPageHandler(deps: JoinDeps): JoinHandler {
  const mode = deps.emulator ? 'emulator' : 'vonage';
  return async (_req, res, params) => {
    const ticket = params.ticket ?? '';
    const verdict = await checkTicket(deps.store, deps.ticketSecret, ticket, deps.now());
    if (!verdict.ok) {
      if (verdict.cause) deps.log.error('join page: store unavailable', { err: verdict.cause });
      else deps.log.info('join page: link refused', { reason: verdict.problem.code });
      sendHtml(res, verdict.problem.status, renderProblemPage(verdict.problem), mode);
      return;
    }
    const { claims, meeting } = verdict;
    const html = renderJoinPage({
      meetingTitle: meeting.title,
      name: claims.n,
      role: claims.r,
      mode,
      exchangePath: `/join/${encodeURIComponent(ticket)}/token`,
    });
    sendHtml(res, 200, html, mode);
  };
}

function refuse(res: ServerResponse, code: Parameters<typeof joinProblem>[0]): void {
  const p = joinProblem(code);
  sendJson(res, p.status, { error: p.code, title: p.title, message: p.message, action: p.action });
}

/** Handler for POST /join/:ticket/token: exchanges the ticket, once, for a Video token naming the chat user. */
export function tokenExchangeHandler(deps: JoinDeps): JoinHandler {
  const mode = deps.emulator ? 'emulator' : 'vonage';
  return async (req, res, params) => {
    if (!sameOrigin(req, deps.publicUrl)) {
      sendJson(res, 403, {
        error: 'cross_origin',
        message: 'This request must come from the join page itself.',
      });
      return;
    }
    try {
      await readJson(req);
    } catch (err) {
      const e = err instanceof BadRequestError ? err : new BadRequestError('The request could not be read.');
      sendJson(res, e.status, { error: 'bad_request', message: e.message });
      return;
    }
    const now = deps.now();
    const verdict = await checkTicket(deps.store, deps.ticketSecret, params.ticket ?? '', now);
    if (!verdict.ok) {
      if (verdict.cause) deps.log.error('join exchange: store unavailable', { err: verdict.cause });
      refuse(res, verdict.problem.code);
      return;
    }
    const { claims, meeting } = verdict;
    let token: string;
    try {
      // The key must outlive the ticket, or a purge could make an expired-but-replayed ticket look new;
      // a minute more covers clocks that differ between replicas. Only the ticket's random ID is kept
      // (it cannot rebuild the link), and only as long as the link could still be used.
      const ttl = claims.exp - now + USED_TICKET_MARGIN_MS;
      const first = await deps.store.claimKey(TICKET_SCOPE, claims.jti, ttl, now);
      if (!first) {
        deps.log.warn('join exchange: ticket reused', { meetingId: meeting.id, userId: claims.u });
        refuse(res, 'used');
        return;
      }
      await deps.store.setKeyResult(TICKET_SCOPE, claims.jti, 'exchanged');
      token = deps.video.generateToken(meeting.sessionId, {
        role: claims.r,
        expireTime: Math.floor(now / 1000) + JOIN_TOKEN_TTL_S,
        data: connectionData({ platform: meeting.platform, userId: claims.u, name: claims.n, kind: 'user' }),
      });
    } catch (err) {
      deps.log.error('join exchange failed', { meetingId: meeting.id, err });
      // A session these credentials cannot mint tokens for will not come back after a wait.
      refuse(res, isVideoError(err, 'invalid') ? 'session_gone' : 'unavailable');
      return;
    }
    deps.log.info('join ticket exchanged', { meetingId: meeting.id, userId: claims.u, role: claims.r, mode });
    const grant =
      mode === 'emulator'
        ? signGrant(
            { m: meeting.id, s: meeting.sessionId, n: claims.n, exp: now + GRANT_TTL_MS },
            deps.ticketSecret,
          )
        : undefined;
    sendJson(res, 200, {
      mode,
      applicationId: deps.video.projectId,
      sessionId: meeting.sessionId,
      token,
      name: claims.n,
      role: claims.r,
      meetingTitle: meeting.title,
      // Lets the page offer "Rejoin" after leaving, until this link would have expired.
      rejoin: signRejoinPass(
        { m: claims.m, u: claims.u, n: claims.n, r: claims.r, exp: claims.exp },
        deps.ticketSecret,
      ),
      ...(grant ? { grant } : {}),
    });
  };
}
