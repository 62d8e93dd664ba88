import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/emulator/credentials.js';
import { encodeSessionId } from '../../src/emulator/ids.js';
import { verifyClientToken } from '../../src/emulator/tokens.js';

// Client token verification with hand-built tokens (independent of any SDK): JWT HS256, JWT RS256
// (Vonage application) and legacy T1, and every refusal reason.

const KEY = '123456';
const SECRET = 'project-secret';
const APP = '3f1c2a9e-0000-4000-8000-000000000001';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const creds = new Credentials();
creds.addProject(KEY, SECRET);
creds.addApplication(APP, rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString());
const session = encodeSessionId(KEY);
const now = () => Math.floor(Date.now() / 1000);

function hsToken(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT({
    iss: KEY,
    ist: 'project',
    iat: now(),
    session_id: session,
    role: 'publisher',
    scope: 'session.connect',
    expire_time: now() + 60,
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

function t1(fields: Record<string, string>, secret = SECRET, apiKey = KEY): string {
  const data = new URLSearchParams({
    session_id: session,
    create_time: String(now()),
    nonce: '0.5',
    role: 'publisher',
    expire_time: String(now() + 60),
    ...fields,
  })
    .toString()
    .replace(/\+/g, '%20');
  const sig = createHmac('sha1', secret).update(data).digest('hex');
  return `T1==${Buffer.from(`partner_id=${apiKey}&sig=${sig}:${data}`).toString('base64')}`;
}

describe('verifyClientToken', () => {
  it('accepts an HS256 JWT and returns its grant', async () => {
    const grant = await verifyClientToken(
      creds,
      await hsToken({
        role: 'moderator',
        connection_data: 'name=Ada',
        initial_layout_class_list: 'focus full',
      }),
      session,
    );
    expect(grant).toMatchObject({
      projectId: KEY,
      role: 'moderator',
      data: 'name=Ada',
      layoutClassList: ['focus', 'full'],
      format: 'JWT',
    });
  });

  it('accepts a T1 token with escaped data', async () => {
    const grant = await verifyClientToken(
      creds,
      t1({ connection_data: 'name=Bob & co', scope: 'session.connect' }),
      session,
    );
    expect(grant).toMatchObject({ role: 'publisher', data: 'name=Bob & co', format: 'T1' });
  });

  it('accepts an RS256 token of a Vonage application for its session', async () => {
    const appSession = encodeSessionId(APP);
    const token = await new SignJWT({
      application_id: APP,
      scope: 'session.connect',
      session_id: appSession,
      role: 'subscriber',
      sub: 'video',
      exp: now() + 60,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .sign(rsa.privateKey);
    expect(await verifyClientToken(creds, token, appSession)).toMatchObject({
      projectId: APP,
      role: 'subscriber',
    });
  });

  it.each([
    ['a forged JWT', () => hsToken({}, 'wrong'), /signature/],
    ['an expired JWT', () => hsToken({ expire_time: now() - 10 }), /expired/],
    ['a JWT past exp', () => hsToken({ exp: now() - 10 }), /expired/],
    ['a bad role', () => hsToken({ role: 'admin' }), /role/],
    ['a wrong scope', () => hsToken({ scope: 'other' }), /scope/],
    ['another session', () => hsToken({ session_id: encodeSessionId(KEY) }), /another session/],
    ['an unknown API key', () => hsToken({ iss: '999' }), /unknown/],
    ['a forged T1', async () => t1({ scope: 'session.connect' }, 'wrong'), /signature/],
    [
      'an expired T1',
      async () => t1({ scope: 'session.connect', expire_time: String(now() - 5) }),
      /expired/,
    ],
    ['a T1 of an unknown key', async () => t1({ scope: 'session.connect' }, SECRET, '777'), /unknown/],
    ['garbage', async () => 'hello', /neither/],
    ['nothing', async () => '', /required/],
  ])('refuses %s', async (_name, make, message) => {
    await expect(verifyClientToken(creds, await make(), session)).rejects.toThrow(message);
  });
});
