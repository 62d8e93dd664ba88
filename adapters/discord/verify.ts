import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// Discord signs every HTTP interaction with Ed25519 over `timestamp + raw body` and periodically
// sends bad signatures to check we refuse them. Discord documents no replay window, so we reject
// timestamps more than five minutes away from our clock as well.

/** Why a request was refused (for logs; the client only ever sees 401). */
export type VerifyFailure = 'missing-headers' | 'malformed-signature' | 'stale-timestamp' | 'bad-signature';

/** The outcome of {@link InteractionVerifier.verify}. */
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

/** Default tolerance between Discord's timestamp and our clock. */
export const MAX_SKEW_MS = 5 * 60_000;

// DER prefix of an SPKI structure holding a raw 32-byte Ed25519 key (RFC 8410).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Wraps Discord's hex public key (32 raw bytes) as a Node key object; throws a clear error when malformed. */
export function importDiscordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error(
      'DISCORD_PUBLIC_KEY must be the 64-hex-digit public key from the Discord developer portal.',
    );
  }
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Verifies Discord interaction signatures with one application's public key. */
export class InteractionVerifier {
  private readonly key: KeyObject;

  constructor(
    publicKeyHex: string,
    private readonly now: () => number = Date.now,
    private readonly maxSkewMs = MAX_SKEW_MS,
  ) {
    this.key = importDiscordPublicKey(publicKeyHex);
  }

  /** Checks `X-Signature-Ed25519` and `X-Signature-Timestamp` against the raw request body. */
  verify(signature: string | undefined, timestamp: string | undefined, rawBody: Buffer): VerifyResult {
    if (!signature || !timestamp) return { ok: false, reason: 'missing-headers' };
    if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp))
      return { ok: false, reason: 'malformed-signature' };
    if (Math.abs(this.now() - Number(timestamp) * 1000) > this.maxSkewMs)
      return { ok: false, reason: 'stale-timestamp' };
    const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
    const good = verify(null, message, this.key, Buffer.from(signature, 'hex'));
    return good ? { ok: true } : { ok: false, reason: 'bad-signature' };
  }
}
