import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { meeting, officialSdk, rest } from './helpers.js';

// Streams, class lists, force mute (incl. mute-all for later streams), signals, DTMF and force
// disconnect over raw HTTP, with their error statuses.

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe('streams and class lists', () => {
  it('lists and gets streams, sets class lists, and 404s unknown ones', async () => {
    const { sessionId, streamId } = await meeting(emu);
    const list = await rest(emu, 'GET', `{P}/session/${sessionId}/stream`);
    expect(list.body).toEqual({
      count: 1,
      items: [{ id: streamId, videoType: 'camera', name: 'Ada', layoutClassList: [] }],
    });
    expect(
      (
        await rest(emu, 'PUT', `{P}/session/${sessionId}/stream`, {
          items: [{ id: streamId, layoutClassList: ['full', 'focus'] }],
        })
      ).status,
    ).toBe(200);
    expect(
      (await rest(emu, 'GET', `{P}/session/${sessionId}/stream/${streamId}`)).body.layoutClassList,
    ).toEqual(['full', 'focus']);
    expect((await rest(emu, 'GET', `{P}/session/${sessionId}/stream/nope`)).status).toBe(404);
    expect((await rest(emu, 'GET', `{P}/session/unknown/stream`)).status).toBe(404);
    expect(
      (
        await rest(emu, 'PUT', `{P}/session/${sessionId}/stream`, {
          items: [{ id: 'nope', layoutClassList: [] }],
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await rest(emu, 'PUT', `{P}/session/${sessionId}/stream`, {
          items: [{ id: streamId, layoutClassList: [1] }],
        })
      ).status,
    ).toBe(400);
    expect((await rest(emu, 'PUT', `{P}/session/${sessionId}/stream`, { items: [] })).status).toBe(400);
  });

  it('publishes screen and audio-only streams with their video types', async () => {
    const { sessionId, connectionId } = await meeting(emu);
    const { streamId: screen } = await emu.publish(connectionId, { videoType: 'screen', name: 'slides' });
    const { streamId: audio } = await emu.publish(connectionId, { hasVideo: false });
    const streams = (await rest(emu, 'GET', `{P}/session/${sessionId}/stream`)).body.items as Array<{
      id: string;
      videoType: string | null;
    }>;
    expect(streams.find((s) => s.id === screen)?.videoType).toBe('screen');
    expect(streams.find((s) => s.id === audio)?.videoType).toBeNull();
  });
});

describe('force mute', () => {
  it('mutes one stream, and 404s an unknown one', async () => {
    const { sessionId, streamId } = await meeting(emu);
    const res = await rest(emu, 'POST', `{P}/session/${sessionId}/stream/${streamId}/mute`, {});
    expect(res.status).toBe(200);
    expect(emu.snapshot(sessionId).streams[0]!.audioMuted).toBe(true);
    expect((await rest(emu, 'POST', `{P}/session/${sessionId}/stream/nope/mute`)).status).toBe(404);
  });

  it('mute-all mutes current and later streams except excluded ones, until disabled', async () => {
    const { sessionId, connectionId, streamId } = await meeting(emu);
    const { streamId: keep } = await emu.publish(connectionId, { name: 'host' });
    expect(
      (await rest(emu, 'POST', `{P}/session/${sessionId}/mute`, { active: true, excludedStreamIds: [keep] }))
        .status,
    ).toBe(200);
    const muted = () => Object.fromEntries(emu.snapshot(sessionId).streams.map((s) => [s.id, s.audioMuted]));
    expect(muted()).toMatchObject({ [streamId]: true, [keep]: false });
    expect(emu.snapshot(sessionId).muteAll).toEqual({ active: true, excludedStreamIds: [keep] });
    const { streamId: later } = await emu.publish(connectionId);
    expect(muted()[later]).toBe(true);
    expect((await rest(emu, 'POST', `{P}/session/${sessionId}/mute`, { active: false })).status).toBe(200);
    const { streamId: after } = await emu.publish(connectionId);
    expect(muted()[after]).toBe(false);
    expect((await rest(emu, 'POST', `{P}/session/${sessionId}/mute`, {})).status).toBe(400);
    expect(
      (await rest(emu, 'POST', `{P}/session/${sessionId}/mute`, { active: true, excludedStreamIds: 'x' }))
        .status,
    ).toBe(400);
  });
});

describe('signals, DTMF and force disconnect', () => {
  it('records signals to the session and to one connection', async () => {
    const { sessionId, connectionId } = await meeting(emu);
    const other = await emu.connect(sessionId, officialSdk(emu).generateToken(sessionId));
    expect(
      (await rest(emu, 'POST', `{P}/session/${sessionId}/signal`, { type: 'chat', data: 'all' })).status,
    ).toBe(204);
    expect(
      (await rest(emu, 'POST', `{P}/session/${sessionId}/connection/${connectionId}/signal`, { data: 'one' }))
        .status,
    ).toBe(204);
    const signals = emu.signals(sessionId);
    expect(signals.map((s) => [s.type, s.data, s.connectionId])).toEqual([
      ['chat', 'all', null],
      ['', 'one', connectionId],
    ]);
    expect(signals[0]!.recipients.sort()).toEqual([connectionId, other.connectionId].sort());
  });

  it.each([
    [{ type: 'chat' }, 400],
    [{ type: 'x'.repeat(129), data: '' }, 413],
    [{ type: 'chat', data: 'x'.repeat(8193) }, 413],
    [{ type: 'bad type!', data: 'x' }, 400],
  ])('refuses signal %#', async (body, status) => {
    const { sessionId } = await meeting(emu);
    expect((await rest(emu, 'POST', `{P}/session/${sessionId}/signal`, body)).status).toBe(status);
  });

  it('404s signals and DTMF to unknown connections and sessions', async () => {
    const { sessionId } = await meeting(emu);
    expect(
      (await rest(emu, 'POST', `{P}/session/${sessionId}/connection/nope/signal`, { data: 'x' })).status,
    ).toBe(404);
    expect((await rest(emu, 'POST', `{P}/session/unknown/signal`, { data: 'x' })).status).toBe(404);
    expect(
      (await rest(emu, 'POST', `{P}/session/${sessionId}/connection/nope/play-dtmf`, { digits: '1' })).status,
    ).toBe(404);
  });

  it('records DTMF and validates digits', async () => {
    const { sessionId, connectionId } = await meeting(emu);
    expect((await rest(emu, 'POST', `{P}/session/${sessionId}/play-dtmf`, { digits: '1p2#*' })).status).toBe(
      200,
    );
    expect(
      (
        await rest(emu, 'POST', `{P}/session/${sessionId}/connection/${connectionId}/play-dtmf`, {
          digits: '9',
        })
      ).status,
    ).toBe(200);
    expect(emu.dtmf(sessionId).map((d) => [d.digits, d.connectionId])).toEqual([
      ['1p2#*', null],
      ['9', connectionId],
    ]);
    expect((await rest(emu, 'POST', `{P}/session/${sessionId}/play-dtmf`, { digits: 'abc' })).status).toBe(
      400,
    );
    expect((await rest(emu, 'POST', `{P}/session/${sessionId}/play-dtmf`, {})).status).toBe(400);
  });

  it('force-disconnects a connection with its streams, and 404s unknown ones', async () => {
    const { sessionId, connectionId } = await meeting(emu);
    expect((await rest(emu, 'DELETE', `{P}/session/${sessionId}/connection/${connectionId}`)).status).toBe(
      204,
    );
    expect(emu.snapshot(sessionId)).toMatchObject({ connections: [], streams: [] });
    expect((await rest(emu, 'DELETE', `{P}/session/${sessionId}/connection/${connectionId}`)).status).toBe(
      404,
    );
  });
});
