import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { signGrant } from '../../src/join/grant.js';
import { VideoClient } from '../../src/video/index.js';
import { startControlServer, type ControlCall } from './control-server.js';
import { SECRET, postJson, startJoinHarness, type JoinHarness } from './harness.js';

describe('emulator relay (join page -> our server -> emulator control API)', () => {
  let h: JoinHarness;
  let control: Awaited<ReturnType<typeof startControlServer>>;
  beforeAll(async () => {
    control = await startControlServer();
    h = await startJoinHarness({ emulator: { url: control.url } });
  });
  afterAll(async () => {
    await h.close();
    await control.close();
  });

  async function connect(): Promise<{
    grant: string;
    token: string;
    connectionId: string;
    streamId: string;
  }> {
    const ex = await postJson(`${h.url}/join/${h.ticket()}/token`);
    expect(ex.status).toBe(200);
    expect(ex.json.mode).toBe('emulator');
    const c = await postJson(`${h.url}/join/emulator/connect`, {
      grant: ex.json.grant,
      token: ex.json.token,
    });
    expect(c.status).toBe(200);
    return {
      grant: String(c.json.grant),
      token: String(ex.json.token),
      connectionId: String(c.json.connectionId),
      streamId: String(c.json.streamId),
    };
  }

  it('serves the emulator page without the real SDK and with a CSP that allows only our origin', async () => {
    const res = await fetch(`${h.url}/join/${h.ticket()}`);
    const html = await res.text();
    expect(html).toContain('Demo mode (emulator): no real media');
    expect(html).not.toContain('opentok.js');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });

  it('connects with the token and publishes a camera named after the person, then leaves', async () => {
    const before = control.calls.length;
    const { grant, token, connectionId, streamId } = await connect();
    const calls: ControlCall[] = control.calls.slice(before);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: `/_emulator/sessions/${encodeURIComponent(h.meeting.sessionId)}/connections`,
      body: { token, name: 'Grace Hopper' },
    });
    expect(calls[1]).toMatchObject({
      method: 'POST',
      path: `/_emulator/connections/${connectionId}/streams`,
      body: { videoType: 'camera', name: 'Grace Hopper' },
    });
    const left = await postJson(`${h.url}/join/emulator/leave`, { grant });
    expect(left.status).toBe(200);
    expect(control.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/_emulator/connections/${connectionId}`,
    });
    expect(streamId).toMatch(/^stream-/);
    expect(h.logs.join('\n')).not.toContain(token);
  });

  it('publishes and stops a screen share, and refuses to stop a stream the page does not own', async () => {
    const { grant } = await connect();
    const pub = await postJson(`${h.url}/join/emulator/publish`, { grant, videoType: 'screen' });
    expect(pub.status).toBe(200);
    expect(control.calls.at(-1)?.body).toEqual({ videoType: 'screen', name: 'Grace Hopper (screen)' });
    const notMine = await postJson(`${h.url}/join/emulator/unpublish`, {
      grant: pub.json.grant,
      streamId: 'stream-of-someone-else',
    });
    expect(notMine.status).toBe(403);
    const stop = await postJson(`${h.url}/join/emulator/unpublish`, {
      grant: pub.json.grant,
      streamId: pub.json.streamId,
    });
    expect(stop.status).toBe(200);
    expect(control.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/_emulator/streams/${String(pub.json.streamId)}`,
    });
  });

  it('refuses forged or expired grants and reports emulator refusals in words', async () => {
    const forged = await postJson(`${h.url}/join/emulator/leave`, {
      grant: signGrant(
        { m: 'mtg1', s: h.meeting.sessionId, n: 'x', c: 'conn-1', exp: h.clock.now + 1000 },
        'other-secret',
      ),
    });
    expect(forged.status).toBe(403);
    const expired = await postJson(`${h.url}/join/emulator/leave`, {
      grant: signGrant(
        { m: 'mtg1', s: h.meeting.sessionId, n: 'x', c: 'conn-1', exp: h.clock.now - 1 },
        SECRET,
      ),
    });
    expect(expired.status).toBe(403);
    const ex = await postJson(`${h.url}/join/${h.ticket()}/token`);
    control.refuse.status = 403;
    try {
      const refused = await postJson(`${h.url}/join/emulator/connect`, {
        grant: ex.json.grant,
        token: ex.json.token,
      });
      expect(refused.status).toBe(409);
      expect(String(refused.json.message)).toContain('token expired');
    } finally {
      control.refuse.status = null;
    }
  });

  it('lists the other participants the store knows from callbacks', async () => {
    const { grant, connectionId } = await connect();
    await h.store.upsertConnection({
      meetingId: 'mtg1',
      connectionId,
      kind: 'user',
      userId: 'U2',
      name: 'Grace Hopper',
      joinedAt: 1,
      leftAt: null,
      reason: null,
      seq: 1,
    });
    await h.store.upsertConnection({
      meetingId: 'mtg1',
      connectionId: 'other',
      kind: 'user',
      userId: 'U3',
      name: 'Alan Turing',
      joinedAt: 1,
      leftAt: null,
      reason: null,
      seq: 1,
    });
    await h.store.upsertStream({
      meetingId: 'mtg1',
      streamId: 's-other',
      connectionId: 'other',
      videoType: 'camera',
      name: 'Alan Turing',
      muted: true,
      createdAt: 1,
      destroyedAt: null,
      reason: null,
      seq: 1,
    });
    const res = await postJson(`${h.url}/join/emulator/participants`, { grant });
    expect(res.status).toBe(200);
    expect(res.json.participants).toEqual([
      {
        connectionId: 'other',
        name: 'Alan Turing',
        kind: 'user',
        streams: [{ streamId: 's-other', videoType: 'camera', muted: true }],
      },
    ]);
  });
});

describe('emulator relay with the in-process Emulator object', () => {
  it('connects a verified client that the emulator records with our identity, and refuses a token for another session', async () => {
    const emu = await startEmulator();
    const video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
    const { sessionId } = await video.createSession();
    const h = await startJoinHarness({ emulator: emu, video, sessionId });
    try {
      const ex = await postJson(`${h.url}/join/${h.ticket({ r: 'moderator' })}/token`);
      const joined = await postJson(`${h.url}/join/emulator/connect`, {
        grant: ex.json.grant,
        token: ex.json.token,
      });
      expect(joined.status).toBe(200);
      const snap = emu.snapshot(sessionId);
      expect(snap.connections.map((c) => [c.id, c.role])).toEqual([[joined.json.connectionId, 'moderator']]);
      expect(snap.streams.map((s) => [s.id, s.videoType, s.name])).toEqual([
        [joined.json.streamId, 'camera', 'Grace Hopper'],
      ]);

      const { sessionId: otherSession } = await video.createSession();
      const ex2 = await postJson(`${h.url}/join/${h.ticket()}/token`);
      const wrongToken = video.generateToken(otherSession);
      const refused = await postJson(`${h.url}/join/emulator/connect`, {
        grant: ex2.json.grant,
        token: wrongToken,
      });
      expect(refused.status).toBe(409);
      expect(refused.json.error).toBe('emulator_refused');
      expect(emu.snapshot(sessionId).connections).toHaveLength(1);

      expect((await postJson(`${h.url}/join/emulator/leave`, { grant: joined.json.grant })).status).toBe(200);
      expect(emu.snapshot(sessionId).connections).toHaveLength(0);
    } finally {
      await h.close();
      await emu.close();
    }
  });
});
