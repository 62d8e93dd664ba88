import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from '../http/errors.js';
import { verifyHs256 } from './hs256.js';

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
    payload = verifyHs256(match[1]!, auth.signatureSecret, {
      maxTokenAgeSec: auth.maxTokenAgeSec ?? DEFAULT_MAX_TOKEN_AGE_SEC,
      clockToleranceSec: 30,
    });
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
