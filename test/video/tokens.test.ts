import { createHmac } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeSessionId, VideoClient, VideoError } from '../../src/video/index.js';
import { videoError } from './helpers/catch.js';
import {
  API_KEY,
  API_SECRET,
  APP_ID,
  APP_SESSION,
  FOREIGN_SESSION,
  PRIVATE_PEM,
  PUBLIC_KEY,
  SESSION,
} from './helpers/fixtures.js';

const project = new VideoClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: 'http://127.0.0.1:9' });
const app = new VideoClient({
  applicationId: APP_ID,
  privateKey: PRIVATE_PEM,
  baseUrl: 'http://127.0.0.1:9',
});
const secret = new TextEncoder().encode(API_SECRET);
const now = () => Math.floor(Date.now() / 1000);

afterAll(async () => {
  await project.close();
  await app.close();
});

/** Decodes a T1 token and checks its HMAC-SHA1 signature like the official SDK's test helper. */
function decodeT1(token: string): {
  partner: URLSearchParams;
  data: URLSearchParams;
  dataString: string;
  validSig: boolean;
} {
  expect(token.startsWith('T1==')).toBe(true);
  const decoded = Buffer.from(token.slice(4), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  const partner = new URLSearchParams(decoded.slice(0, i));
  const dataString = decoded.slice(i + 1);
  const sig = createHmac('sha1', API_SECRET).update(dataString).digest('hex');
  return { partner, data: new URLSearchParams(dataString), dataString, validSig: sig === partner.get('sig') };
}

function expectInvalid(fn: () => unknown, fragment: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VideoError);
    expect((e as VideoError).code).toBe('invalid');
    expect((e as VideoError).message).toContain(fragment);
    return;
  }
  throw new Error('expected an invalid-argument error');
}

describe('generateToken (OpenTok credentials, JWT)', () => {
  it('mints an HS256 JWT with the official claims', async () => {
    const token = project.generateToken(SESSION);
    const { payload, protectedHeader } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({
      iss: API_KEY,
      ist: 'project',
      session_id: SESSION,
      role: 'publisher',
      initial_layout_class_list: '',
      scope: 'session.connect',
    });
    expect(payload.exp).toBe(payload.expire_time);
    expect(payload.expire_time as number).toBeGreaterThan(now() + 86_000);
    expect(typeof payload.nonce).toBe('number');
    expect(payload.connection_data).toBeUndefined();
  });

  it('carries role, expiry, data and the layout class list', async () => {
    const exp = now() + 3600.7;
    const token = project.generateToken(SESSION, {
      role: 'moderator',
      expireTime: exp,
      data: 'name=Johnny&x=1',
      initialLayoutClassList: ['focus', 'inactive'],
    });
    const { payload } = await jwtVerify(token, secret);
    expect(payload).toMatchObject({
      role: 'moderator',
      expire_time: Math.floor(exp),
      exp: Math.floor(exp),
      connection_data: 'name=Johnny&x=1',
      initial_layout_class_list: 'focus inactive',
    });
  });

  it('accepts the class list as one string', () => {
    const payload = decodeJwt(project.generateToken(SESSION, { initialLayoutClassList: 'a b' }));
    expect(payload.initial_layout_class_list).toBe('a b');
  });
});

describe('generateToken (OpenTok credentials, T1)', () => {
  it('mints a legacy T1 token with a valid HMAC-SHA1 signature', () => {
    const t = decodeT1(
      project.generateToken(SESSION, {
        tokenFormat: 'T1',
        role: 'subscriber',
        data: 'name=Johnny&x=1',
        initialLayoutClassList: ['focus', 'inactive'],
      }),
    );
    expect(t.validSig).toBe(true);
    expect(t.partner.get('partner_id')).toBe(API_KEY);
    expect([...t.data.keys()]).toEqual([
      'session_id',
      'create_time',
      'nonce',
      'role',
      'expire_time',
      'connection_data',
      'initial_layout_class_list',
      'scope',
    ]);
    expect(t.data.get('session_id')).toBe(SESSION);
    expect(t.data.get('role')).toBe('subscriber');
    expect(t.data.get('connection_data')).toBe('name=Johnny&x=1');
    expect(t.dataString).toContain(
      'connection_data=name%3DJohnny%26x%3D1&initial_layout_class_list=focus%20inactive&scope=session.connect',
    );
  });

  it('defaults to publisher and an empty class list', () => {
    const t = decodeT1(project.generateToken(SESSION, { tokenFormat: 'T1' }));
    expect(t.validSig).toBe(true);
    expect(t.dataString).toMatch(
      /&role=publisher&expire_time=\d+&initial_layout_class_list=&scope=session\.connect$/,
    );
  });

  it('detects a tampered T1 token', () => {
    const token = project.generateToken(SESSION, { tokenFormat: 'T1' });
    const decoded = Buffer.from(token.slice(4), 'base64')
      .toString('utf8')
      .replace('role=publisher', 'role=moderator');
    expect(decodeT1('T1==' + Buffer.from(decoded).toString('base64')).validSig).toBe(false);
  });
});

describe('generateToken (Vonage application credentials)', () => {
  it('mints an RS256 client token with the Vonage claims', async () => {
    const token = app.generateToken(APP_SESSION, {
      role: 'subscriber',
      data: 'd',
      initialLayoutClassList: ['x'],
    });
    const { payload, protectedHeader } = await jwtVerify(token, PUBLIC_KEY, { algorithms: ['RS256'] });
    expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'RS256' });
    expect(payload).toMatchObject({
      scope: 'session.connect',
      session_id: APP_SESSION,
      role: 'subscriber',
      initial_layout_class_list: 'x',
      sub: 'video',
      acl: { paths: { '/session/**': {} } },
      connection_data: 'd',
      application_id: APP_ID,
    });
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.exp! - payload.iat!).toBe(86_400);
  });

  it('honours expireTime (the official shim ignores it)', () => {
    const exp = now() + 600;
    expect(decodeJwt(app.generateToken(APP_SESSION, { expireTime: exp })).exp).toBe(exp);
  });

  it('refuses a session that names another application, accepts one without an application ID', () => {
    const other = encodeSessionId('11111111-2222-4333-8444-555555555555', { prefix: '2_' });
    expectInvalid(() => app.generateToken(other), 'does not belong to this application');
    expect(app.generateToken(SESSION)).toMatch(/^eyJ/);
  });

  it('refuses the T1 format', () => {
    expectInvalid(() => app.generateToken(APP_SESSION, { tokenFormat: 'T1' }), 'tokenFormat T1');
  });
});

describe('generateToken validation', () => {
  const cases: Array<[string, () => unknown, string]> = [
    [
      'missing session',
      () => project.generateToken(undefined as unknown as string),
      'sessionId must be a non-empty string',
    ],
    ['long session', () => project.generateToken('1_' + 'A'.repeat(300)), 'sessionId must be at most 255'],
    ['foreign session', () => project.generateToken(FOREIGN_SESSION), 'does not belong to this API key'],
    ['garbage session', () => project.generateToken('not-a-session'), 'does not belong to this API key'],
    ['role', () => project.generateToken(SESSION, { role: 'admin' as 'publisher' }), 'role must be one of'],
    [
      'expiry past',
      () => project.generateToken(SESSION, { expireTime: now() - 10 }),
      'expireTime must be in the future',
    ],
    [
      'expiry > 30 days',
      () => project.generateToken(SESSION, { expireTime: now() + 31 * 86_400 }),
      'at most 30 days',
    ],
    [
      'expiry NaN',
      () => project.generateToken(SESSION, { expireTime: Number.NaN }),
      'expireTime must be a number',
    ],
    [
      'expiry string',
      () => project.generateToken(SESSION, { expireTime: 'soon' as unknown as number }),
      'expireTime must be a number',
    ],
    [
      'data length',
      () => project.generateToken(SESSION, { data: 'x'.repeat(1001) }),
      'at most 1000 characters',
    ],
    [
      'data type',
      () => project.generateToken(SESSION, { data: 5 as unknown as string }),
      'token data must be a string',
    ],
    [
      'layout entry',
      () => project.generateToken(SESSION, { initialLayoutClassList: ['a b'] }),
      'initialLayoutClassList',
    ],
    [
      'layout length',
      () => project.generateToken(SESSION, { initialLayoutClassList: 'x'.repeat(1025) }),
      'at most 1024',
    ],
    [
      'token format',
      () => project.generateToken(SESSION, { tokenFormat: 'T2' as 'T1' }),
      'tokenFormat must be',
    ],
    [
      'app role',
      () => app.generateToken(APP_SESSION, { role: 'boss' as 'publisher' }),
      'role must be one of',
    ],
    [
      'app expiry',
      () => app.generateToken(APP_SESSION, { expireTime: now() + 40 * 86_400 }),
      'at most 30 days',
    ],
  ];
  it.each(cases)('refuses %s', (_name, fn, fragment) => expectInvalid(fn, fragment));

  it('accepts exactly 1000 characters of data and a 30-day expiry', () => {
    expect(
      project.generateToken(SESSION, { data: 'x'.repeat(1000), expireTime: now() + 30 * 86_400 - 5 }),
    ).toMatch(/^eyJ/);
  });

  it('never puts the secret in an error', async () => {
    const e = await videoError(() => project.generateToken(FOREIGN_SESSION));
    expect(JSON.stringify({ ...e, m: e.message })).not.toContain(API_SECRET);
  });
});
