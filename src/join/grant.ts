import { createHmac, timingSafeEqual } from 'node:crypto';

// In emulator mode the page talks to the emulator through our server. Rather than keep per-browser
// state (which would break with several replicas), the server hands the page a signed grant naming
// the meeting, the session, the person and, once connected, their connection and streams. The MAC
// is domain-separated from join tickets so one can never be passed off as the other.

/** What an emulator grant lets the page do: act as connection `c` (once connected) in session `s`. */
export interface EmulatorGrant {
  /** Meeting short key. */
  m: string;
  /** Video session ID. */
  s: string;
  /** Display name used for streams. */
  n: string;
  /** Connection ID once connected. */
  c?: string;
  /** Stream IDs this connection published. */
  st?: string[];
  /** Expiry, ms since epoch. */
  exp: number;
}

/** How long a grant lasts: a long meeting keeps working, a leaked grant dies by the end of the day. */
export const GRANT_TTL_MS = 12 * 60 * 60_000;

function mac(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`join-emulator-grant:${body}`).digest();
}

/** Signs a grant as base64url(JSON) + '.' + base64url(MAC). */
export function signGrant(grant: EmulatorGrant, secret: string): string {
  const body = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return `${body}.${mac(body, secret).toString('base64url')}`;
}

/** Returns the grant when the signature holds and it has not expired, otherwise null. */
export function readGrant(value: unknown, secret: string, now: number): EmulatorGrant | null {
  if (typeof value !== 'string' || value.length > 4096) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const body = value.slice(0, dot);
  const sig = Buffer.from(value.slice(dot + 1), 'base64url');
  const want = mac(body, secret);
  if (sig.length !== want.length || !timingSafeEqual(sig, want)) return null;
  try {
    const grant = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as EmulatorGrant;
    if (typeof grant.m !== 'string' || typeof grant.s !== 'string' || typeof grant.exp !== 'number')
      return null;
    return grant.exp > now ? grant : null;
  } catch {
    return null;
  }
}
