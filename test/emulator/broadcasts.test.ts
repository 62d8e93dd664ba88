import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createSession, meeting, rest, startReceiver, until, type Json, type Receiver } from './helpers.js';

// Broadcasts over raw HTTP: HLS/RTMP outputs, limits, 409 rules, maxDuration auto-stop, manual
// stream mode, layout, list.

let emu: Emulator;
let receiver: Receiver;
const rtmp = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `o${i}`,
    serverUrl: 'rtmp://live.example/app',
    streamName: `key${i}`,
  }));

beforeAll(async () => {
  receiver = await startReceiver();
  // One emulated second = 2 ms, so the 60 s minimum maxDuration runs out quickly.
  emu = await startEmulator({ callbackUrl: receiver.url, timing: { secondMs: 2, renderStartMs: 10 } });
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

describe('broadcasts', () => {
  it('starts with HLS and RTMP outputs, goes live, stops, and sends callbacks', async () => {
    const { sessionId } = await meeting(emu);
    const start = await rest(emu, 'POST', '{P}/broadcast', {
      sessionId,
      outputs: { hls: { lowLatency: true }, rtmp: rtmp(2) },
      maxDuration: 36000,
    });
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({
      status: 'started',
      resolution: '640x480',
      maxDuration: 36000,
      streamMode: 'auto',
      settings: { hls: { lowLatency: true, dvr: false } },
    });
    expect(start.body.broadcastUrls.hls).toMatch(/^http/);
    expect(start.body.broadcastUrls.rtmp).toHaveLength(2);
    await emu.idle();
    const live = await rest(emu, 'GET', `{P}/broadcast/${start.body.id}`);
    expect(live.body.broadcastUrls).toMatchObject({
      hlsStatus: 'live',
      rtmp: [{ status: 'live' }, { status: 'live' }],
    });
    const stop = await rest(emu, 'POST', `{P}/broadcast/${start.body.id}/stop`, {});
    expect(stop.body.status).toBe('stopped');
    expect((await rest(emu, 'POST', `{P}/broadcast/${start.body.id}/stop`, {})).status).toBe(409);
    await emu.idle();
    // Like the service, each change of an output's status is a callback, not only start and stop.
    const events = receiver.received
      .filter((r) => r.body.event === 'broadcast' && r.body.id === start.body.id)
      .map((r) => r.body as Json)
      .map((b) => ({
        status: b.status,
        hls: b.broadcastUrls.hlsStatus,
        rtmp: b.broadcastUrls.rtmp.map((o: { status: string }) => o.status),
        updatedAt: b.updatedAt as number,
      }));
    expect(events.map(({ updatedAt: _u, ...e }) => e)).toEqual([
      { status: 'started', hls: 'connecting', rtmp: ['connecting', 'connecting'] },
      { status: 'started', hls: 'live', rtmp: ['live', 'live'] },
      { status: 'stopped', hls: 'ended', rtmp: ['offline', 'offline'] },
    ]);
    // Strictly increasing updatedAt: receivers order and deduplicate by it.
    expect(events[1]!.updatedAt).toBeGreaterThan(events[0]!.updatedAt);
    expect(events[2]!.updatedAt).toBeGreaterThan(events[1]!.updatedAt);
  });

  it('stops by itself when maxDuration runs out', async () => {
    const { sessionId } = await meeting(emu);
    const { body } = await rest(emu, 'POST', '{P}/broadcast', {
      sessionId,
      outputs: { hls: {} },
      maxDuration: 60,
    });
    await until(() => receiver.received.some((r) => r.body.id === body.id && r.body.status === 'stopped'));
    const stopped = receiver.received.find((r) => r.body.id === body.id && r.body.status === 'stopped');
    expect(stopped?.body.reason).toBe('maximum duration exceeded');
    expect((await rest(emu, 'GET', `{P}/broadcast/${body.id}`)).body.status).toBe('stopped');
  });

  it('answers 409 when already broadcasting or relayed, unless multiBroadcastTag differs', async () => {
    const { sessionId } = await meeting(emu);
    expect((await rest(emu, 'POST', '{P}/broadcast', { sessionId, outputs: { hls: {} } })).status).toBe(200);
    expect((await rest(emu, 'POST', '{P}/broadcast', { sessionId, outputs: { hls: {} } })).status).toBe(409);
    expect(
      (
        await rest(emu, 'POST', '{P}/broadcast', {
          sessionId,
          outputs: { rtmp: rtmp(1) },
          multiBroadcastTag: 'two',
        })
      ).status,
    ).toBe(200);
    const relayed = await createSession(emu, 'p2p.preference=enabled');
    expect(
      (await rest(emu, 'POST', '{P}/broadcast', { sessionId: relayed, outputs: { hls: {} } })).status,
    ).toBe(409);
    expect(
      (await rest(emu, 'POST', '{P}/broadcast', { sessionId: 'nope', outputs: { hls: {} } })).status,
    ).toBe(404);
  });

  it.each([
    [{ outputs: undefined }, /outputs is required/],
    [{ outputs: {} }, /hls output or at least one rtmp/],
    [{ outputs: { rtmp: rtmp(6) } }, /at most 5/],
    [{ outputs: { hls: { dvr: true, lowLatency: true } } }, /dvr and lowLatency/],
    [{ outputs: { rtmp: [{ serverUrl: 'http://x', streamName: 'k' }] } }, /rtmp:\/\//],
    [{ outputs: { rtmp: [{ serverUrl: 'rtmp://x' }] } }, /streamName/],
    [{ outputs: { hls: {} }, maxDuration: 59 }, /maxDuration/],
    [{ outputs: { hls: {} }, resolution: '1x1' }, /resolution/],
  ])('validates the start body %# -> 400', async (extra, message) => {
    const sessionId = await createSession(emu);
    const res = await rest(emu, 'POST', '{P}/broadcast', { sessionId, ...extra });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('honours manual stream mode (405 in auto mode), layouts, the trailing-slash path and listing', async () => {
    const { sessionId, streamId } = await meeting(emu);
    const auto = await rest(emu, 'POST', '{P}/broadcast/', { sessionId, outputs: { hls: {} } });
    expect(auto.status).toBe(200);
    expect(
      (await rest(emu, 'PATCH', `{P}/broadcast/${auto.body.id}/streams`, { addStream: streamId })).status,
    ).toBe(405);
    const manual = await rest(emu, 'POST', '{P}/broadcast', {
      sessionId,
      outputs: { hls: {} },
      streamMode: 'manual',
      multiBroadcastTag: 'm',
    });
    expect(
      (await rest(emu, 'PATCH', `{P}/broadcast/${manual.body.id}/streams`, { addStream: streamId })).status,
    ).toBe(204);
    expect((await rest(emu, 'GET', `{P}/broadcast/${manual.body.id}`)).body.streams).toEqual([
      { streamId, hasAudio: true, hasVideo: true },
    ]);
    expect(
      (await rest(emu, 'PATCH', `{P}/broadcast/${manual.body.id}/streams`, { removeStream: streamId }))
        .status,
    ).toBe(204);
    expect(
      (
        await rest(emu, 'PUT', `{P}/broadcast/${manual.body.id}/layout`, {
          type: 'custom',
          stylesheet: 'stream {}',
        })
      ).status,
    ).toBe(200);
    expect((await rest(emu, 'PUT', `{P}/broadcast/nope/layout`, { type: 'pip' })).status).toBe(404);
    const list = await rest(emu, 'GET', `{P}/broadcast?sessionId=${encodeURIComponent(sessionId)}`);
    expect(list.body.items.map((b: { id: string }) => b.id)).toEqual([manual.body.id, auto.body.id]);
    expect((await rest(emu, 'GET', '{P}/broadcast/nope')).status).toBe(404);
  });
});
