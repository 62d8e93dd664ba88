import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { decodeSessionProject, encodeSessionId } from '../../src/emulator/ids.js';
import { projectJwt, type Json } from './helpers.js';

// POST /session/create: the form body, the service's array reply, session ID format and validation.

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ apiKey: '123456', apiSecret: 'shh' });
});
afterAll(() => emu.close());

async function create(form: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/session/create`, {
    method: 'POST',
    headers: {
      'x-opentok-auth': await projectJwt(emu.apiKey, emu.apiSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

describe('session IDs', () => {
  it('decodes the reference fixture and our own IDs to their API key', () => {
    expect(
      decodeSessionProject('1_MX4xMjM0NTZ-flNhdCBNYXIgMTUgMTQ6NDI6MjMgUERUIDIwMTR-MC40OTAxMzAyNX4'),
    ).toBe('123456');
    expect(decodeSessionProject(encodeSessionId('47000001', '10.0.0.1'))).toBe('47000001');
    expect(decodeSessionProject('garbage')).toBeUndefined();
    expect(decodeSessionProject('1_')).toBeUndefined();
  });

  it('gives different IDs to sessions created in the same instant', () => {
    const ids = new Set(Array.from({ length: 100 }, () => encodeSessionId('1')));
    expect(ids.size).toBe(100);
  });
});

describe('POST /session/create', () => {
  it('answers the array shape with a 1_MX4 session ID', async () => {
    const res = await create('location=12.34.56.78&archiveMode=manual&p2p.preference=enabled');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ project_id: '123456', partner_id: '123456', media_server_url: '' });
    expect(res.body[0].session_id).toMatch(/^1_MX4xMjM0NTZ-/);
    expect(emu.snapshot(res.body[0].session_id)).toMatchObject({
      mediaMode: 'relayed',
      archiveMode: 'manual',
    });
  });

  it("creates routed always-archived sessions, and accepts the Vonage SDK's location=null", async () => {
    const res = await create('archiveMode=always&location=null&p2p.preference=disabled');
    expect(emu.snapshot(res.body[0].session_id)).toMatchObject({
      mediaMode: 'routed',
      archiveMode: 'always',
    });
  });

  it.each([
    ['archiveMode=always&p2p.preference=enabled', /routed/],
    ['archiveMode=sometimes', /archiveMode/],
    ['p2p.preference=maybe', /p2p.preference/],
    ['location=not-an-ip', /IPv4/],
    ['e2ee=yes&p2p.preference=disabled', /e2ee/],
    ['e2ee=true&archiveMode=always&p2p.preference=disabled', /encrypted/],
    ['archiveResolution=2x2', /archiveResolution/],
  ])('refuses %s with 400', async (form, message) => {
    const res = await create(form);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });
});
