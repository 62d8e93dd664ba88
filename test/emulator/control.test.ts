import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createSession, officialSdk, rest, startReceiver, type Receiver } from './helpers.js';

// The HTTP control API under /_emulator/: drive a meeting, read back records, reset.

let emu: Emulator;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  emu = await startEmulator({ callbackUrl: receiver.url });
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

describe('control API', () => {
  it('connects with a verified token, publishes, unpublishes and disconnects', async () => {
    const sessionId = await createSession(emu);
    const token = officialSdk(emu).generateToken(sessionId, { data: 'web' });
    const joined = await control('POST', `/sessions/${sessionId}/connections`, { token, name: 'Browser' });
    expect(joined).toMatchObject({ status: 201, body: { data: 'web' } });
    const { connectionId } = joined.body;
    const pub = await control('POST', `/connections/${connectionId}/streams`, {
      videoType: 'screen',
      name: 'deck',
    });
    expect(pub.status).toBe(201);
    const snap = await control('GET', `/sessions/${sessionId}`);
    expect(snap.body.connections[0]).toMatchObject({ id: connectionId, name: 'Browser', kind: 'client' });
    expect(snap.body.streams[0]).toMatchObject({ id: pub.body.streamId, videoType: 'screen', name: 'deck' });
    expect((await control('DELETE', `/streams/${pub.body.streamId}?reason=mediaStopped`)).status).toBe(204);
    expect((await control('DELETE', `/connections/${connectionId}`)).status).toBe(204);
    expect((await control('DELETE', `/connections/${connectionId}`)).status).toBe(404);
    await emu.idle();
    const cbs = await control('GET', '/callbacks');
    expect(
      cbs.body
        .filter((d: { sessionId: string }) => d.sessionId === sessionId)
        .map((d: { event: string }) => d.event),
    ).toContain('streamDestroyed');
  });

  it('refuses bad tokens (401), unknown sessions (404), bad bodies (400) and bad reasons (400)', async () => {
    const sessionId = await createSession(emu);
    const other = await createSession(emu);
    expect((await control('POST', `/sessions/${sessionId}/connections`, {})).status).toBe(400);
    expect((await control('POST', `/sessions/${sessionId}/connections`, { token: 'forged' })).status).toBe(
      401,
    );
    const wrong = await control('POST', `/sessions/${sessionId}/connections`, {
      token: officialSdk(emu).generateToken(other),
    });
    expect(wrong).toMatchObject({
      status: 401,
      body: { message: 'The token was issued for another session.' },
    });
    expect((await control('POST', '/sessions/nope/connections', { token: 'x' })).status).toBe(404);
    const { body } = await control('POST', `/sessions/${sessionId}/connections`, {
      token: officialSdk(emu).generateToken(sessionId),
    });
    expect(
      (await control('POST', `/connections/${body.connectionId}/streams`, { videoType: 'hologram' })).status,
    ).toBe(400);
    expect((await control('POST', '/connections/nope/streams', {})).status).toBe(404);
    const { body: pub } = await control('POST', `/connections/${body.connectionId}/streams`, {});
    expect((await control('DELETE', `/streams/${pub.streamId}?reason=bored`)).status).toBe(400);
    expect((await control('GET', '/sessions/nope')).status).toBe(404);
  });

  it('reads back signals and DTMF, filtered by session', async () => {
    const sessionId = await createSession(emu);
    await rest(emu, 'POST', `{P}/session/${sessionId}/signal`, { type: 't', data: 'd' });
    await rest(emu, 'POST', `{P}/session/${sessionId}/play-dtmf`, { digits: '5' });
    expect((await control('GET', `/signals?sessionId=${encodeURIComponent(sessionId)}`)).body).toMatchObject([
      { type: 't', data: 'd' },
    ]);
    expect((await control('GET', `/dtmf?sessionId=${encodeURIComponent(sessionId)}`)).body).toMatchObject([
      { digits: '5' },
    ]);
  });

  it('resets all state', async () => {
    const sessionId = await createSession(emu);
    await rest(emu, 'POST', `{P}/session/${sessionId}/signal`, { data: 'd' });
    expect((await control('POST', '/reset')).status).toBe(204);
    expect((await control('GET', '/signals')).body).toEqual([]);
    expect((await control('GET', `/sessions/${sessionId}`)).status).toBe(404);
    expect(emu.deliveries()).toEqual([]);
  });

  it('answers 404 for unknown paths, 405 for wrong methods, 400 for malformed JSON and 413 for huge bodies', async () => {
    expect((await control('GET', '/nothing')).status).toBe(404);
    expect((await control('PUT', '/reset')).status).toBe(405);
    const res = await fetch(`${emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(res.status).toBe(400);
    const huge = await fetch(`${emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1_100_000),
    });
    expect(huge.status).toBe(413);
  });
});
