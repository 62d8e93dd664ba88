import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, officialSdk, startReceiver, type OpenTokSdk, type Receiver } from './helpers.js';

// The official opentok package (2.23) against the emulator: its REST auth, session IDs and both of
// its token formats must be accepted, and its calls must succeed end to end.

let emu: Emulator;
let sdk: OpenTokSdk;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  emu = await startEmulator({ callbackUrl: receiver.url, timing: { archiveAvailableMs: 20 } });
  sdk = officialSdk(emu);
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

describe('official opentok SDK against the emulator', () => {
  it('creates a routed session whose ID the SDK can mint tokens for', async () => {
    const session = await call<{ sessionId: string }>(sdk, 'createSession', { mediaMode: 'routed' });
    expect(session.sessionId).toMatch(/^1_MX4/);
    expect(emu.snapshot(session.sessionId).mediaMode).toBe('routed');
  });

  it('accepts its JWT and T1 tokens, with role and data', async () => {
    const { sessionId } = await call<{ sessionId: string }>(sdk, 'createSession', { mediaMode: 'routed' });
    const jwt = sdk.generateToken(sessionId, {
      role: 'moderator',
      data: 'name=Ada',
      initialLayoutClassList: ['focus'],
    });
    const t1 = sdk.generateToken(sessionId, { role: 'subscriber', data: 'name=Bob & co' }, true);
    expect(t1.startsWith('T1==')).toBe(true);
    const a = await emu.connect(sessionId, jwt);
    const b = await emu.connect(sessionId, t1);
    expect(a.data).toBe('name=Ada');
    expect(b.data).toBe('name=Bob & co');
    const snap = emu.snapshot(sessionId);
    expect(snap.connections.map((c) => c.role).sort()).toEqual(['moderator', 'subscriber']);
    const { streamId } = await emu.publish(a.connectionId);
    expect(emu.snapshot(sessionId).streams[0]).toMatchObject({ id: streamId, layoutClassList: ['focus'] });
    await expect(emu.publish(b.connectionId)).rejects.toThrow(/subscriber/);
  });

  it('refuses an SDK token for another session', async () => {
    const s1 = await call<{ sessionId: string }>(sdk, 'createSession', { mediaMode: 'routed' });
    const s2 = await call<{ sessionId: string }>(sdk, 'createSession', { mediaMode: 'routed' });
    await expect(emu.connect(s2.sessionId, sdk.generateToken(s1.sessionId))).rejects.toThrow(
      /another session/,
    );
  });

  it('records, stops and lists an archive through the SDK', async () => {
    const { sessionId } = await call<{ sessionId: string }>(sdk, 'createSession', { mediaMode: 'routed' });
    const { connectionId } = await emu.connect(sessionId, sdk.generateToken(sessionId));
    await emu.publish(connectionId);
    const archive = await call<{ id: string; status: string }>(sdk, 'startArchive', sessionId, {
      name: 'standup',
    });
    expect(archive.status).toBe('started');
    await expect(call(sdk, 'startArchive', sessionId, {})).rejects.toThrow(
      /Unexpected response|Recording already/,
    );
    const stopped = await call<{ status: string }>(sdk, 'stopArchive', archive.id);
    expect(stopped.status).toBe('stopped');
    await emu.idle();
    const got = await call<{ status: string; url: string }>(sdk, 'getArchive', archive.id);
    expect(got.status).toBe('available');
    expect(got.url).toContain(archive.id);
    const list = await call<Array<{ id: string }>>(sdk, 'listArchives', { sessionId });
    expect(list.map((a) => a.id)).toEqual([archive.id]);
    await call(sdk, 'deleteArchive', archive.id);
    await expect(call(sdk, 'getArchive', archive.id)).rejects.toThrow(/Archive not found/);
  });

  it('signals, mutes, sends DTMF and force-disconnects through the SDK', async () => {
    const { sessionId } = await call<{ sessionId: string }>(sdk, 'createSession', { mediaMode: 'routed' });
    const { connectionId } = await emu.connect(sessionId, sdk.generateToken(sessionId));
    const { streamId } = await emu.publish(connectionId);
    await call(sdk, 'signal', sessionId, null, { type: 'chat', data: 'hi' });
    await call(sdk, 'signal', sessionId, connectionId, { type: 'chat', data: 'you' });
    expect(emu.signals(sessionId).map((s) => s.recipients)).toEqual([[connectionId], [connectionId]]);
    await call(sdk, 'forceMuteStream', sessionId, streamId);
    expect(emu.snapshot(sessionId).streams[0]!.audioMuted).toBe(true);
    await call(sdk, 'playDTMF', sessionId, null, '12#');
    expect(emu.dtmf(sessionId)[0]!.digits).toBe('12#');
    await call(sdk, 'forceDisconnect', sessionId, connectionId);
    expect(emu.snapshot(sessionId).connections).toEqual([]);
    await emu.idle();
    const destroyed = receiver.received.find(
      (r) => r.body.event === 'connectionDestroyed' && r.body.sessionId === sessionId,
    );
    expect(destroyed?.body.reason).toBe('forceDisconnected');
  });
});
