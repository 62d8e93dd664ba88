import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { decodeSessionProject } from '../../src/emulator/ids.js';
import { call, officialSdk, projectJwt, rest } from './helpers.js';
import { createRequire } from 'node:module';

// REST authentication: OpenTok X-OPENTOK-AUTH (HS256) and Vonage Bearer (RS256), and refusals.

const appId = randomUUID();
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
let emu: Emulator;

async function bearer(claims: Record<string, unknown> = {}, key = keys.privateKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ application_id: appId, iat: now, exp: now + 900, jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .sign(key);
}

beforeAll(async () => {
  emu = await startEmulator({ applications: [{ applicationId: appId, publicKeyPem: publicPem }] });
});
afterAll(() => emu.close());

describe('OpenTok project auth (X-OPENTOK-AUTH)', () => {
  it('accepts a valid token and refuses a missing one with 401', async () => {
    expect((await rest(emu, 'GET', '{P}/archive')).status).toBe(200);
    const res = await fetch(`${emu.url}/v2/project/${emu.apiKey}/archive`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/Authentication required/);
  });

  it('refuses forged, expired, wrong-ist, far-future and foreign tokens with 403', async () => {
    const cases = [
      await projectJwt(emu.apiKey, 'not-the-secret'),
      await projectJwt(emu.apiKey, emu.apiSecret, { iat: 1000, exp: 1300 }),
      await projectJwt(emu.apiKey, emu.apiSecret, { ist: 'account' }),
      await projectJwt(emu.apiKey, emu.apiSecret, { exp: Math.floor(Date.now() / 1000) + 3600 }),
      await projectJwt('999', emu.apiSecret),
      'not-a-jwt',
    ];
    for (const token of cases) {
      const res = await rest(emu, 'GET', '{P}/archive', undefined, { 'x-opentok-auth': token });
      expect(res.status).toBe(403);
      expect(res.body.message).not.toContain(token);
    }
  });

  it('refuses a valid token used on another project path', async () => {
    const res = await rest(emu, 'GET', '/v2/project/424242/archive');
    expect(res.status).toBe(403);
  });
});

describe('Vonage application auth (Bearer RS256)', () => {
  it('creates a session whose ID decodes to the application ID', async () => {
    const res = await fetch(`${emu.url}/session/create`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await bearer()}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'archiveMode=manual&location=null&p2p.preference=disabled',
    });
    expect(res.status).toBe(200);
    const [first] = (await res.json()) as Array<{ session_id: string; project_id: string }>;
    expect(decodeSessionProject(first!.session_id)).toBe(appId);
    expect(first!.project_id).toBe(appId);
    const list = await rest(emu, 'GET', `/v2/project/${appId}/broadcast`, undefined, {
      authorization: `Bearer ${await bearer()}`,
    });
    expect(list).toMatchObject({ status: 200, body: { count: 0, items: [] } });
  });

  it('refuses forged, expired and unknown-application bearer tokens with 401', async () => {
    const cases = [
      await bearer({}, other),
      await bearer({ iat: 1000, exp: 1900 }),
      await bearer({ application_id: randomUUID() }),
      'garbage',
    ];
    for (const token of cases) {
      const res = await rest(emu, 'GET', `/v2/project/${appId}/archive`, undefined, {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(401);
    }
  });

  it('refuses an application token on the OpenTok project path with 403', async () => {
    const res = await rest(emu, 'GET', `/v2/project/${emu.apiKey}/archive`, undefined, {
      authorization: `Bearer ${await bearer()}`,
    });
    expect(res.status).toBe(403);
  });

  it("serves the official SDK's Vonage mode (application ID + private key) end to end", async () => {
    const OpenTok = createRequire(import.meta.url)('opentok') as new (
      k: string,
      s: string,
      u: string,
    ) => ReturnType<typeof officialSdk>;
    const sdk = new OpenTok(appId, privatePem, emu.url);
    const session = await call<{ sessionId: string }>(sdk, 'createSession', { mediaMode: 'routed' });
    expect(decodeSessionProject(session.sessionId)).toBe(appId);
    const token = sdk.generateToken(session.sessionId, { role: 'moderator', data: 'vonage user' });
    const conn = await emu.connect(session.sessionId, token);
    expect(conn.data).toBe('vonage user');
    await emu.publish(conn.connectionId);
    const archive = await call<{ status: string }>(sdk, 'startArchive', session.sessionId, {});
    expect(archive.status).toBe('started');
  });
});
