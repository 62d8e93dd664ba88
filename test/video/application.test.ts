import { createPrivateKey } from 'node:crypto';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VideoClient } from '../../src/video/index.js';
import { videoError } from './helpers/catch.js';
import { APP_ID, APP_SESSION, PRIVATE_PEM, PUBLIC_KEY } from './helpers/fixtures.js';
import { Recorder } from './helpers/recorder.js';
import { WIRE_CASES } from './wire-cases.js';

const rec = new Recorder();
let client: VideoClient;

beforeAll(async () => {
  await rec.start();
  client = new VideoClient({
    applicationId: APP_ID,
    privateKey: PRIVATE_PEM,
    baseUrl: rec.url,
    retry: false,
  });
});
afterAll(async () => {
  await client.close();
  await rec.close();
});
beforeEach(() => rec.reset());

describe('VideoClient with Vonage application credentials', () => {
  it('defaults to https://video.api.vonage.com', () => {
    const c = new VideoClient({ applicationId: APP_ID, privateKey: PRIVATE_PEM });
    expect(c.baseUrl).toBe('https://video.api.vonage.com');
    expect(c.credentialKind).toBe('application');
    expect(c.projectId).toBe(APP_ID);
    void c.close();
  });

  it('defaults to https://api.opentok.com for API key credentials', () => {
    const c = new VideoClient({ apiKey: 123456, apiSecret: 's' });
    expect(c.baseUrl).toBe('https://api.opentok.com');
    expect(c.projectId).toBe('123456');
    void c.close();
  });

  it.each(WIRE_CASES)('$name uses the application ID in the path', async (c) => {
    await c.call(client);
    const r = rec.one();
    expect(r.method).toBe(c.method);
    expect(r.url).toBe(c.path.startsWith('!') ? c.path.slice(1) : `/v2/project/${APP_ID}${c.path}`);
    if (c.json !== undefined) expect(JSON.parse(r.body)).toStrictEqual(c.json);
    if (c.form !== undefined) expect(r.body).toBe(c.form);
    expect(r.headers['x-opentok-auth']).toBeUndefined();
  });

  it('authenticates with a Bearer RS256 JWT carrying the shim claims', async () => {
    await client.getArchive('A');
    const auth = String(rec.one().headers['authorization']);
    expect(auth.startsWith('Bearer ')).toBe(true);
    const { payload, protectedHeader } = await jwtVerify(auth.slice(7), PUBLIC_KEY, {
      algorithms: ['RS256'],
    });
    expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'RS256' });
    expect(payload).toMatchObject({ iss: APP_ID, ist: 'project', application_id: APP_ID });
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it('stops an Audio Connector with POST connect/{id}/stop', async () => {
    await client.disconnectWebsocket(APP_SESSION, 'WS1');
    const r = rec.one();
    expect(`${r.method} ${r.url}`).toBe(`POST /v2/project/${APP_ID}/connect/WS1/stop`);
  });

  it('accepts a parsed KeyObject as the private key', async () => {
    const c = new VideoClient({
      applicationId: APP_ID,
      privateKey: createPrivateKey(PRIVATE_PEM),
      baseUrl: rec.url,
    });
    await c.forceMuteAll(APP_SESSION);
    const auth = String(rec.one().headers['authorization']).slice(7);
    await expect(jwtVerify(auth, PUBLIC_KEY)).resolves.toBeTruthy();
    await c.close();
  });

  it('refuses a bad private key without echoing it', async () => {
    const e = await videoError(
      () =>
        new VideoClient({
          applicationId: APP_ID,
          privateKey: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----',
        }),
    );
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('privateKey must be a PEM-encoded RSA private key (or a KeyObject).');
  });

  it('refuses missing credentials with a clear sentence', async () => {
    const e = await videoError(() => new VideoClient({} as never));
    expect(e.message).toContain('apiKey must be');
    const e2 = await videoError(() => new VideoClient({ apiKey: '1', apiSecret: '' }));
    expect(e2.message).toBe('apiSecret must be a non-empty string.');
    const e3 = await videoError(() => new VideoClient({ apiKey: '1', apiSecret: 'x', baseUrl: 'ftp://x' }));
    expect(e3.message).toContain('baseUrl');
  });
});
