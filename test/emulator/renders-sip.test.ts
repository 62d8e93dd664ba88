import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createSession, meeting, officialSdk, rest, startReceiver, until, type Receiver } from './helpers.js';

// Experience Composer renders, SIP dial-out and the Audio Connector: each joins the session as a
// connection, with the right callbacks and error statuses.

let emu: Emulator;
let receiver: Receiver;
const token = (sessionId: string, opts: object = {}) => officialSdk(emu).generateToken(sessionId, opts);
const events = (sessionId: string) =>
  receiver.received.filter((r) => r.body.sessionId === sessionId).map((r) => r.body);
/** The statuses of the render callbacks the session's default callback URL heard. */
const renderStatuses = (sessionId: string) =>
  events(sessionId)
    .filter((e) => e.event === 'render')
    .map((e) => e.status);

beforeAll(async () => {
  receiver = await startReceiver();
  emu = await startEmulator({ callbackUrl: receiver.url, timing: { renderStartMs: 10, secondMs: 2 } });
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

describe('renders (Experience Composer)', () => {
  it('goes starting -> started (joining with a stream) -> stopped', async () => {
    const { sessionId } = await meeting(emu);
    const start = await rest(emu, 'POST', '{P}/render', {
      sessionId,
      token: token(sessionId),
      url: 'https://example.com/page',
      maxDuration: 1800,
      properties: { name: 'Composer' },
    });
    expect(start.status).toBe(202);
    expect(start.body).toMatchObject({
      status: 'starting',
      resolution: '1280x720',
      url: 'https://example.com/page',
    });
    await emu.idle();
    const started = await rest(emu, 'GET', `{P}/render/${start.body.id}`);
    expect(started.body.status).toBe('started');
    const snap = emu.snapshot(sessionId);
    expect(snap.connections.find((c) => c.kind === 'render')?.name).toBe('Composer');
    expect(snap.streams.some((s) => s.id === started.body.streamId)).toBe(true);
    expect((await rest(emu, 'DELETE', `{P}/render/${start.body.id}`)).status).toBe(204);
    expect((await rest(emu, 'GET', `{P}/render/${start.body.id}`)).body).toMatchObject({
      status: 'stopped',
      reason: 'Stop Requested',
    });
    expect(emu.snapshot(sessionId).connections.some((c) => c.kind === 'render')).toBe(false);
    await emu.idle();
    expect(renderStatuses(sessionId)).toEqual(['started', 'stopped']);
    const list = await rest(emu, 'GET', '{P}/render?count=1');
    expect(list.body.items[0].id).toBe(start.body.id);
  });

  it('stops, with one callback, when its composer is forced out of the session', async () => {
    const { sessionId } = await meeting(emu);
    const start = await rest(emu, 'POST', '{P}/render', {
      sessionId,
      token: token(sessionId),
      url: 'https://example.com/page',
    });
    await emu.idle();
    const composer = emu.snapshot(sessionId).connections.find((c) => c.kind === 'render')!;
    const kick = await rest(emu, 'DELETE', `{P}/session/${sessionId}/connection/${composer.id}`);
    expect(kick.status).toBe(204);
    expect((await rest(emu, 'GET', `{P}/render/${start.body.id}`)).body).toMatchObject({
      status: 'stopped',
      reason: 'Stop Requested',
    });
    await emu.idle();
    expect(renderStatuses(sessionId)).toEqual(['started', 'stopped']);
  });

  it('stops at maxDuration and sends callbacks to statusCallbackUrl when given', async () => {
    const own = await startReceiver();
    try {
      const { sessionId } = await meeting(emu);
      const { body } = await rest(emu, 'POST', '{P}/render', {
        sessionId,
        token: token(sessionId),
        url: 'https://example.com',
        maxDuration: 60,
        statusCallbackUrl: own.url,
      });
      await until(() => own.received.some((r) => r.body.status === 'stopped'));
      expect(own.received.map((r) => [r.body.id, r.body.status, r.body.reason])).toEqual([
        [body.id, 'started', undefined],
        [body.id, 'stopped', 'Max Duration Exceeded'],
      ]);
    } finally {
      await own.close();
    }
  });

  it('refuses bad bodies, bad tokens and unknown sessions or renders', async () => {
    const { sessionId } = await meeting(emu);
    const other = await createSession(emu);
    expect(
      (await rest(emu, 'POST', '{P}/render', { sessionId, token: token(sessionId), url: 'ftp://x' })).status,
    ).toBe(400);
    expect(
      (
        await rest(emu, 'POST', '{P}/render', {
          sessionId,
          token: token(sessionId),
          url: 'https://x',
          maxDuration: 10,
        })
      ).status,
    ).toBe(400);
    expect(
      (await rest(emu, 'POST', '{P}/render', { sessionId, token: token(other), url: 'https://x' })).body
        .message,
    ).toMatch(/Invalid token/);
    expect(
      (
        await rest(emu, 'POST', '{P}/render', {
          sessionId,
          token: token(sessionId, { role: 'subscriber' }),
          url: 'https://x',
        })
      ).status,
    ).toBe(400);
    expect(
      (await rest(emu, 'POST', '{P}/render', { sessionId: 'nope', token: 'x', url: 'https://x' })).status,
    ).toBe(404);
    expect((await rest(emu, 'GET', '{P}/render/nope')).status).toBe(404);
    expect((await rest(emu, 'DELETE', '{P}/render/nope')).status).toBe(404);
  });
});

describe('SIP dial', () => {
  it('joins as a connection with a stream, sends call events, and hangs up on force disconnect', async () => {
    const { sessionId } = await meeting(emu);
    const dial = await rest(emu, 'POST', '{P}/dial', {
      sessionId,
      token: token(sessionId, { data: 'sip-leg' }),
      sip: { uri: 'sip:alice@example.com', from: 'bot@example.com', observeForceMute: true },
    });
    expect(dial.status).toBe(200);
    const { id, connectionId, streamId } = dial.body;
    const snap = emu.snapshot(sessionId);
    expect(snap.connections.find((c) => c.id === connectionId)).toMatchObject({
      kind: 'sip',
      data: 'sip-leg',
    });
    expect(snap.streams.find((s) => s.id === streamId)).toMatchObject({ hasVideo: false, videoType: null });
    await emu.idle();
    await rest(emu, 'POST', `{P}/session/${sessionId}/mute`, { active: true });
    await rest(emu, 'DELETE', `{P}/session/${sessionId}/connection/${connectionId}`);
    await emu.idle();
    const sip = events(sessionId).filter((e) => (e.call as { id?: string } | undefined)?.id === id);
    expect(sip.map((e) => e.state ?? e.event)).toEqual([
      'callCreated',
      'RINGING',
      'ACTIVE',
      'muteForced',
      'HANGUP',
      'callDestroyed',
    ]);
    expect(sip.at(-1)).toMatchObject({ reason_code: 700 });
    expect(emu.snapshot(sessionId).sipCalls[0]!.state).toBe('HANGUP');
  });

  it('starts muted in a muted-all session and says so when observing force mute', async () => {
    const { sessionId } = await meeting(emu);
    await rest(emu, 'POST', `{P}/session/${sessionId}/mute`, { active: true });
    const sip = { uri: 'sip:bob@example.com', observeForceMute: true };
    const { body } = await rest(emu, 'POST', '{P}/dial', { sessionId, token: token(sessionId), sip });
    expect(emu.snapshot(sessionId).streams.find((s) => s.id === body.streamId)?.audioMuted).toBe(true);
    await emu.idle();
    expect(
      events(sessionId).some((e) => e.event === 'muteForced' && (e.call as { id: string }).id === body.id),
    ).toBe(true);
  });

  it('carries video and the chosen streams, and refuses a stream that is not in the session', async () => {
    const { sessionId, streamId: ada } = await meeting(emu);
    const sip = { uri: 'sip:carol@example.com', video: true, streams: [ada] };
    const dial = await rest(emu, 'POST', '{P}/dial', { sessionId, token: token(sessionId), sip });
    expect(dial.status).toBe(200);
    const snap = emu.snapshot(sessionId);
    expect(snap.sipCalls.find((c) => c.id === dial.body.id)).toMatchObject({ video: true, streams: [ada] });
    expect(snap.streams.find((s) => s.id === dial.body.streamId)).toMatchObject({
      hasVideo: true,
      videoType: 'camera',
    });
    const all = await rest(emu, 'POST', '{P}/dial', {
      sessionId,
      token: token(sessionId),
      sip: { uri: 'sip:dan@example.com' },
    });
    // Without `streams` the call gets every stream of the session.
    expect(emu.snapshot(sessionId).sipCalls.find((c) => c.id === all.body.id)?.streams).toBeUndefined();
    const before = emu.snapshot(sessionId).connections.length;
    const unknown = await rest(emu, 'POST', '{P}/dial', {
      sessionId,
      token: token(sessionId),
      sip: { uri: 'sip:eve@example.com', streams: ['not-a-stream'] },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('Stream not-a-stream is not in the session.');
    expect(emu.snapshot(sessionId).connections).toHaveLength(before);
  });

  it('answers 400 for bad bodies or tokens, 404 for unknown sessions, 409 for relayed ones', async () => {
    const { sessionId } = await meeting(emu);
    const relayed = await createSession(emu, 'p2p.preference=enabled');
    const sip = { uri: 'sip:a@b.c' };
    expect((await rest(emu, 'POST', '{P}/dial', { sessionId, token: token(sessionId) })).status).toBe(400);
    expect(
      (await rest(emu, 'POST', '{P}/dial', { sessionId, token: token(sessionId), sip: { uri: 'tel:123' } }))
        .status,
    ).toBe(400);
    expect((await rest(emu, 'POST', '{P}/dial', { sessionId, token: 'forged', sip })).status).toBe(400);
    expect((await rest(emu, 'POST', '{P}/dial', { sessionId: 'nope', token: 'x', sip })).status).toBe(404);
    expect(
      (await rest(emu, 'POST', '{P}/dial', { sessionId: relayed, token: token(relayed), sip })).status,
    ).toBe(409);
  });
});

describe('Audio Connector', () => {
  it('joins as a connection (publishing when bidirectional) and leaves on stop', async () => {
    const { sessionId, streamId } = await meeting(emu);
    const res = await rest(emu, 'POST', '{P}/connect', {
      sessionId,
      token: token(sessionId),
      websocket: { uri: 'wss://ws.example/audio', streams: [streamId], audioRate: 8000, bidirectional: true },
    });
    expect(res.status).toBe(200);
    const snap = emu.snapshot(sessionId);
    expect(snap.connections.find((c) => c.id === res.body.connectionId)?.kind).toBe('audio');
    expect(snap.audioConnections[0]).toMatchObject({
      id: res.body.id,
      audioRate: 8000,
      active: true,
      streams: [streamId],
    });
    expect(snap.streams).toHaveLength(2);
    expect((await rest(emu, 'POST', `{P}/connect/${res.body.connectionId}/stop`)).status).toBe(204);
    expect(emu.snapshot(sessionId).audioConnections[0]!.active).toBe(false);
    expect((await rest(emu, 'POST', `{P}/connect/${res.body.id}/stop`)).status).toBe(409);
    expect((await rest(emu, 'POST', '{P}/connect/nope/stop')).status).toBe(404);
    const again = await rest(emu, 'POST', '{P}/connect', {
      sessionId,
      token: token(sessionId),
      websocket: { uri: 'ws://x' },
    });
    expect((await rest(emu, 'POST', `{P}/connect/${again.body.id}/stop`)).status).toBe(204);
  });

  it('validates the websocket options', async () => {
    const { sessionId } = await meeting(emu);
    const ws = (websocket: object) =>
      rest(emu, 'POST', '{P}/connect', { sessionId, token: token(sessionId), websocket });
    expect((await ws({ uri: 'http://x' })).status).toBe(400);
    expect((await ws({ uri: 'ws://x', audioRate: 44100 })).status).toBe(400);
    expect((await ws({ uri: 'ws://x', streams: ['ghost'] })).status).toBe(400);
    expect((await ws({ uri: 'ws://x', headers: { big: 'x'.repeat(600) } })).status).toBe(400);
    expect((await ws({ uri: 'ws://x' })).status).toBe(200);
  });
});
