import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a join ticket grants: one person, one meeting, one role, until `exp` (ms since epoch). */
export interface TicketClaims {
  /** Meeting short key. */
  m: string;
  /** Chat user ID. */
  u: string;
  /** Display name. */
  n: string;
  r: 'moderator' | 'publisher';
  exp: number;
  /** Random ID so a ticket can be exchanged only once. */
  jti: string;
}

/** A verified ticket, or why not; an expired one still names its (authentic) claims. */
export type TicketCheck =
  | { ok: true; claims: TicketClaims }
  | { ok: false; reason: 'malformed' | 'forged' }
  | { ok: false; reason: 'expired'; claims: TicketClaims };

/** Default lifetime of a join link. */
export const TICKET_TTL_MS = 10 * 60_000;

function mac(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

/** Signs a join ticket: base64url(JSON claims) + '.' + base64url(HMAC-SHA256). */
export function createTicket(
  claims: Omit<TicketClaims, 'exp' | 'jti'>,
  secret: string,
  now: number,
  ttlMs = TICKET_TTL_MS,
): string {
  const full: TicketClaims = { ...claims, exp: now + ttlMs, jti: randomBytes(9).toString('base64url') };
  const body = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${body}.${mac(body, secret).toString('base64url')}`;
}

/** Verifies signature and expiry; single use is enforced by the caller through the store. */
export function verifyTicket(ticket: string, secret: string, now: number): TicketCheck {
  if (typeof ticket !== 'string' || ticket.length > 2048) return { ok: false, reason: 'malformed' };
  const dot = ticket.indexOf('.');
  if (dot <= 0) return { ok: false, reason: 'malformed' };
  const body = ticket.slice(0, dot);
  const sig = Buffer.from(ticket.slice(dot + 1), 'base64url');
  const want = mac(body, secret);
  if (sig.length !== want.length || !timingSafeEqual(sig, want)) return { ok: false, reason: 'forged' };
  let claims: TicketClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TicketClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || typeof claims.m !== 'string' || typeof claims.u !== 'string') {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp <= now) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}
