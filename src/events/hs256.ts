// HS256 JWT verification for Vonage callbacks, synchronous, on node:crypto. jose (6) verifies only
// through WebCrypto, whose every HMAC is an asynchronous job handed to libuv's thread pool and back:
// 38-50 us of the event loop's time per callback on this host against 8-9 us for the same check
// here (stop 35, docs/bench/callbacks.md), and every callback is verified. The token format is
// small and fixed (RFC 7515 compact serialisation, RFC 7519 claims), so this checks exactly what
// jose's jwtVerify checked for us: the algorithm, the signature in constant time, and the
// registered time claims with a tolerance.

import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old and how skewed a token may be. */
export interface Hs256Options {
  /** Oldest accepted `iat`, in seconds before now; `iat` is then required. */
  maxTokenAgeSec: number;
  /** Clock skew allowed on every time claim, in seconds. */
  clockToleranceSec: number;
  /** Now, in seconds (tests). */
  nowSec?: number;
}

/** Why a token was refused (never shown to the sender: the caller answers one sentence for all). */
export class TokenError extends Error {}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function json(segment: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError(`the ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TokenError(`the ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function time(claims: Record<string, unknown>, name: string): number | undefined {
  const v = claims[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TokenError(`"${name}" is not a number`);
  return v;
}

/**
 * The claims of `token` when it is a compact JWS signed with HMAC-SHA256 under `secret` and its time
 * claims hold; throws a TokenError otherwise. Refuses any other algorithm (`none` included) and
 * any header with `crit` (no extension is understood here, so none may be required).
 */
export function verifyHs256(token: string, secret: string, opts: Hs256Options): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) throw new TokenError('not a compact JWS');
  const [head, body, signature] = parts as [string, string, string];
  const header = json(head, 'header');
  if (header.alg !== 'HS256') throw new TokenError('the algorithm is not HS256');
  if (header.crit !== undefined || header.b64 !== undefined)
    throw new TokenError('the header asks for an extension');
  const want = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== want.length || !timingSafeEqual(given, want))
    throw new TokenError('the signature does not match');
  const claims = json(body, 'payload');
  const now = opts.nowSec ?? Math.floor(Date.now() / 1000);
  const skew = opts.clockToleranceSec;
  const iat = time(claims, 'iat');
  if (iat === undefined) throw new TokenError('"iat" is missing');
  if (iat > now + skew) throw new TokenError('"iat" is in the future');
  if (now - iat - skew > opts.maxTokenAgeSec) throw new TokenError('the token is too old');
  const exp = time(claims, 'exp');
  if (exp !== undefined && exp <= now - skew) throw new TokenError('the token has expired');
  const nbf = time(claims, 'nbf');
  if (nbf !== undefined && nbf > now + skew) throw new TokenError('the token is not valid yet');
  return claims;
}
