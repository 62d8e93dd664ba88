import { createSecretKey } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthHeader } from '../../src/video/auth.js';
import { API_KEY, API_SECRET, APP_ID, PUBLIC_KEY, PRIVATE_PEM } from './helpers/fixtures.js';
import { resolveCredentials } from '../../src/video/credentials.js';

const T0 = Date.UTC(2030, 0, 1);

describe('cached REST auth header', () => {
  it('reuses one JWT until a minute before it expires, then re-signs', () => {
    const auth = new AuthHeader(resolveCredentials({ apiKey: API_KEY, apiSecret: API_SECRET }));
    const first = auth.get(T0);
    expect(auth.get(T0 + 239_000)).toBe(first);
    const second = auth.get(T0 + 240_000);
    expect(second).not.toBe(first);
    expect(decodeJwt(second).iat).toBe(T0 / 1000 + 240);
    expect(decodeJwt(second).exp).toBe(T0 / 1000 + 540);
  });

  it('signs HS256 with the secret for API key credentials', async () => {
    const auth = new AuthHeader(resolveCredentials({ apiKey: API_KEY, apiSecret: API_SECRET }));
    expect(auth.name).toBe('x-opentok-auth');
    const now = Date.now();
    const { payload } = await jwtVerify(auth.get(now), createSecretKey(Buffer.from(API_SECRET)), {
      algorithms: ['HS256'],
      issuer: API_KEY,
    });
    expect(payload).toEqual({
      iss: API_KEY,
      ist: 'project',
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + 300,
    });
  });

  it('signs RS256 Bearer tokens with a fresh jti per re-sign for application credentials', async () => {
    const auth = new AuthHeader(resolveCredentials({ applicationId: APP_ID, privateKey: PRIVATE_PEM }));
    expect(auth.name).toBe('authorization');
    const a = auth.get(T0);
    const b = auth.get(T0 + 300_000);
    const pa = (await jwtVerify(a.slice(7), PUBLIC_KEY, { algorithms: ['RS256'], currentDate: new Date(T0) }))
      .payload;
    const pb = decodeJwt(b.slice(7));
    expect(Object.keys(pa)).toEqual(['iss', 'ist', 'iat', 'exp', 'application_id', 'jti']);
    expect(pa.jti).not.toBe(pb.jti);
  });
});
