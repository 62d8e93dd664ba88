import { createHash, timingSafeEqual, webcrypto } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { jwtVerify } from 'jose';
import { HttpError } from '../http/errors.js';

// Callback authentication. With a signature secret, every callback must carry a fresh HS256 JWT
// whose payload_hash matches the raw body: a token without one would authenticate any body (a
// captured token could be replayed with a forged payload for 25 hours), so it is refused unless the
// operator allows such legacy callbacks (VONAGE_ALLOW_UNHASHED_CALLBACKS=true). Without a secret,
// the only protection Vonage offers is an unguessable URL, so the path token is compared in constant time.

/** How callbacks are authenticated. */
export interface CallbackAuth {
  signatureSecret?: string;
  pathToken: string;
  /** Oldest accepted JWT `iat`, in seconds (default 25 h). */
  maxTokenAgeSec?: number;
  /** Accept signed callbacks whose JWT has no `payload_hash` (legacy senders; the body is then unbound). */
  allowUnhashed?: boolean;
}

// Vonage retries a failed delivery with backoff for up to 24 hours, and whether each attempt is
// signed afresh is not documented. A short window would turn a long outage into lost events, while a
// replayed genuine callback is harmless (deduplicated, and seq guards never move state back), so
// only tokens older than the retry horizon are refused.
const DEFAULT_MAX_TOKEN_AGE_SEC = 25 * 3600;

// Importing the HMAC key on every call dominates verification, so it is imported once, as the
// CryptoKey jose verifies with: handed a Uint8Array or a secret KeyObject, jose (6, WebCrypto)
// exports and re-imports it on every call (~40 us per callback, bench/callbacks-bench.mjs).
const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = Buffer.from(secret, 'utf8');
    keys.set(
      secret,
      (key = webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])),
    );
  }
  return key;
}

const refuse = (why: string) => new HttpError(401, 'unauthorized', why);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws a 401 {@link HttpError} unless the callback is authentic; `raw` is the unparsed body. */
export async function verifyCallback(
  auth: CallbackAuth,
  headers: IncomingHttpHeaders,
  raw: Buffer,
  pathToken: string | undefined,
): Promise<void> {
  if (!auth.signatureSecret) {
    if (pathToken === undefined || !sameText(pathToken, auth.pathToken))
      throw refuse('This callback URL is not valid.');
    return;
  }
  const header = headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw refuse('The callback is not signed.');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(match[1]!, await hmacKey(auth.signatureSecret), {
      algorithms: ['HS256'],
      maxTokenAge: auth.maxTokenAgeSec ?? DEFAULT_MAX_TOKEN_AGE_SEC,
      clockTolerance: 30,
    }));
  } catch {
    throw refuse('The callback signature is invalid or expired.');
  }
  if (payload.payload_hash === undefined) {
    if (auth.allowUnhashed) return;
    throw new HttpError(
      401,
      'unhashed_callback',
      'The callback signature does not cover its body (no payload_hash); set VONAGE_ALLOW_UNHASHED_CALLBACKS=true to accept such callbacks.',
      {},
      true,
    );
  }
  const want = createHash('sha256').update(raw).digest('hex');
  if (typeof payload.payload_hash !== 'string' || !sameText(payload.payload_hash.toLowerCase(), want))
    throw refuse('The callback body does not match its signature.');
}
