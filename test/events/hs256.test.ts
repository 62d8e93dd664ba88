// Callback JWT verification (src/events/hs256.ts) against tokens made by jose, the library it
// replaced on this path, and against the forgeries a verifier must refuse.

import { createHmac } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenError, verifyHs256 } from '../../src/events/hs256.js';

const SECRET = 'callback-secret-0123456789abcdef';
const NOW = 1_800_000_000;
const opts = { maxTokenAgeSec: 25 * 3600, clockToleranceSec: 30, nowSec: NOW };
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A token as Vonage signs one: HS256 with iat, jti, iss and payload_hash. */
function signed(claims: Record<string, unknown> = {}, iat = NOW, secret = SECRET, alg = 'HS256') {
  return new SignJWT({ payload_hash: 'ab'.repeat(32), ...claims })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuedAt(iat)
    .setJti('j1')
    .setIssuer('Vonage')
    .sign(new TextEncoder().encode(secret));
}

/** A token with exactly this header and payload, signed with HMAC-SHA256 under `secret`. */
function crafted(header: unknown, payload: unknown, secret = SECRET): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const refused = (token: string, why: RegExp, o = opts) => {
  expect(() => verifyHs256(token, SECRET, o)).toThrow(TokenError);
  expect(() => verifyHs256(token, SECRET, o)).toThrow(why);
};

describe('verifyHs256', () => {
  it('returns the claims of a token jose signed', async () => {
    const claims = verifyHs256(await signed({ exp: NOW + 60 }), SECRET, opts);
    expect(claims).toMatchObject({ payload_hash: 'ab'.repeat(32), iat: NOW, jti: 'j1', iss: 'Vonage' });
  });

  it('refuses another secret, a changed payload or header, and a cut signature', async () => {
    refused(await signed({}, NOW, 'another-secret-0123456789abcdef'), /signature/);
    const [h, p, s] = (await signed()).split('.') as [string, string, string];
    refused(`${h}.${b64({ payload_hash: 'cd'.repeat(32), iat: NOW })}.${s}`, /signature/);
    refused(`${b64({ alg: 'HS256' })}.${p}.${s}`, /signature/);
    refused(`${h}.${p}.${s.slice(0, -4)}`, /signature/);
  });

  it('refuses alg none, other algorithms, and headers that require extensions', async () => {
    refused(new UnsecuredJWT({ iat: NOW }).encode() + 'x', /HS256/);
    refused(await signed({}, NOW, SECRET, 'HS512'), /HS256/);
    refused(crafted({ alg: 'hs256' }, { iat: NOW }), /HS256/);
    refused(crafted({ alg: 'HS256', crit: ['exp'] }, { iat: NOW }), /extension/);
    refused(crafted({ alg: 'HS256', b64: false }, { iat: NOW }), /extension/);
  });

  it('refuses what is not a compact JWS of two JSON objects', () => {
    refused('a.b', /compact/);
    refused('a.b.c.d', /compact/);
    refused(`${b64({ alg: 'HS256' })}..sig`, /compact/);
    refused(`${b64({ alg: 'HS256' })}.${b64({ iat: NOW })}.s+g=`, /compact/);
    refused(crafted({ alg: 'HS256' }, [1, 2]), /not a JSON object/);
    refused(crafted({ alg: 'HS256' }, 'null'), /not a JSON object/);
    const input = `${b64({ alg: 'HS256' })}.${b64('{"iat":')}`;
    refused(`${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`, /not JSON/);
    refused(`${b64('[]')}.${b64({ iat: NOW })}.sig`, /header is not a JSON object/);
  });

  it('holds the time claims with the tolerance: iat required, not too old nor in the future; exp; nbf', async () => {
    refused(crafted({ alg: 'HS256' }, {}), /"iat" is missing/);
    refused(crafted({ alg: 'HS256' }, { iat: String(NOW) }), /"iat" is not a number/);
    // 25 hours old passes (Vonage retries that long), a minute more does not.
    expect(verifyHs256(await signed({}, NOW - 25 * 3600), SECRET, opts).iat).toBe(NOW - 25 * 3600);
    refused(await signed({}, NOW - 25 * 3600 - 60), /too old/);
    expect(verifyHs256(await signed({}, NOW + 30), SECRET, opts).iat).toBe(NOW + 30);
    refused(await signed({}, NOW + 31), /future/);
    refused(await signed({ exp: NOW - 30 }), /expired/);
    expect(verifyHs256(await signed({ exp: NOW - 29 }), SECRET, opts).exp).toBe(NOW - 29);
    refused(await signed({ nbf: NOW + 31 }), /not valid yet/);
    refused(crafted({ alg: 'HS256' }, { iat: NOW, exp: 'later' }), /"exp" is not a number/);
  });
});
