import type { MeetingRecord, Store } from '../store/types.js';
import { joinProblem, type JoinProblem } from './problems.js';
import { verifyTicket, type TicketClaims } from './tickets.js';

/** Scope of the store keys that make a ticket single-use. */
export const TICKET_SCOPE = 'ticket';

/** The store calls the join routes make. */
export type JoinStore = Pick<
  Store,
  | 'getMeeting'
  | 'getMeetingBySession'
  | 'getRoom'
  | 'claimKey'
  | 'getKeyResult'
  | 'setKeyResult'
  | 'listConnections'
  | 'listStreams'
>;

/** A ticket that may be used: its claims and its open meeting. */
export type TicketVerdict =
  | { ok: true; claims: TicketClaims; meeting: MeetingRecord }
  | { ok: false; problem: JoinProblem; cause?: unknown };

/**
 * Checks a ticket fully except for single use: signature, expiry, meeting known and open, and
 * whether it was already exchanged (so a reload shows "already used" rather than a broken page).
 */
export async function checkTicket(
  store: JoinStore,
  secret: string,
  ticket: string,
  now: number,
): Promise<TicketVerdict> {
  const check = verifyTicket(ticket, secret, now);
  if (!check.ok && check.reason === 'expired') return expired(store, check.claims.m);
  if (!check.ok) return { ok: false, problem: joinProblem(check.reason) };
  const { claims } = check;
  if (
    typeof claims.jti !== 'string' ||
    typeof claims.n !== 'string' ||
    (claims.r !== 'moderator' && claims.r !== 'publisher')
  ) {
    return { ok: false, problem: joinProblem('malformed') };
  }
  try {
    const meeting = await store.getMeeting(claims.m);
    if (!meeting) return { ok: false, problem: joinProblem('unknown_meeting') };
    if (meeting.status !== 'active') return { ok: false, problem: joinProblem('meeting_ended') };
    if ((await store.getKeyResult(TICKET_SCOPE, claims.jti)) !== null)
      return { ok: false, problem: joinProblem('used') };
    return { ok: true, claims, meeting };
  } catch (cause) {
    return { ok: false, problem: joinProblem('unavailable'), cause };
  }
}

/** An expired link: if its meeting is over (or gone), say that; advising /video join would not help. */
async function expired(store: JoinStore, meetingId: unknown): Promise<TicketVerdict> {
  if (typeof meetingId !== 'string') return { ok: false, problem: joinProblem('expired') };
  try {
    const meeting = await store.getMeeting(meetingId);
    if (!meeting) return { ok: false, problem: joinProblem('unknown_meeting') };
    if (meeting.status !== 'active') return { ok: false, problem: joinProblem('meeting_ended') };
  } catch {
    // The link is expired either way; say that rather than an outage.
  }
  return { ok: false, problem: joinProblem('expired') };
}
