import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, officialSdk, type OpenTokSdk } from './helpers.js';

// The rest of the official opentok package's surface against the emulator: broadcasts, renders,
// layouts, manual stream modes, class lists, mute-all, SIP dial and the Audio Connector.

let emu: Emulator;
let sdk: OpenTokSdk;
beforeAll(async () => {
  emu = await startEmulator({ timing: { renderStartMs: 5 } });
  sdk = officialSdk(emu);
});
afterAll(() => emu.close());

async function meeting(): Promise<{ sessionId: string; connectionId: string; streamId: string }> {
  const { sessionId } = await call<{ sessionId: string }>(sdk, 'createSession', { mediaMode: 'routed' });
  const { connectionId } = await emu.connect(sessionId, sdk.generateToken(sessionId));
  const { streamId } = await emu.publish(connectionId, { name: 'Ada' });
  return { sessionId, connectionId, streamId };
}

describe('official opentok SDK: media features', () => {
  it('runs a broadcast with manual streams and a layout change', async () => {
    const { sessionId, streamId } = await meeting();
    const outputs = {
      hls: { dvr: true },
      rtmp: [{ id: 'yt', serverUrl: 'rtmp://x/app', streamName: 'key' }],
    };
    const b = await call<{ id: string; status: string }>(sdk, 'startBroadcast', sessionId, {
      outputs,
      streamMode: 'manual',
    });
    expect(b.status).toBe('started');
    await call(sdk, 'addBroadcastStream', b.id, streamId, {});
    await call(sdk, 'setBroadcastLayout', b.id, 'bestFit', null, 'verticalPresentation');
    expect((await call<{ streams: unknown[] }>(sdk, 'getBroadcast', b.id)).streams).toHaveLength(1);
    await call(sdk, 'removeBroadcastStream', b.id, streamId);
    expect(
      (await call<Array<{ id: string }>>(sdk, 'listBroadcasts', { sessionId })).map((x) => x.id),
    ).toEqual([b.id]);
    expect((await call<{ status: string }>(sdk, 'stopBroadcast', b.id)).status).toBe('stopped');
    await expect(call(sdk, 'stopBroadcast', b.id)).rejects.toThrow(/Failed to stop broadcast/);
  });

  it('adds and removes archive streams in manual mode and sets the archive layout', async () => {
    const { sessionId, streamId } = await meeting();
    const a = await call<{ id: string }>(sdk, 'startArchive', sessionId, { streamMode: 'manual' });
    await call(sdk, 'addArchiveStream', a.id, streamId, { hasVideo: false });
    await call(sdk, 'setArchiveLayout', a.id, 'custom', 'stream { width: 100% }');
    await call(sdk, 'removeArchiveStream', a.id, streamId);
    const auto = await call<{ id: string }>(sdk, 'startArchive', sessionId, { multiArchiveTag: 'auto' });
    await expect(call(sdk, 'addArchiveStream', auto.id, streamId, {})).rejects.toThrow(
      /Unsupported Stream Mode/,
    );
  });

  it('starts, reads, lists and stops a render', async () => {
    const { sessionId } = await meeting();
    const r = await call<{ id: string; status: string }>(sdk, 'startRender', {
      sessionId,
      token: sdk.generateToken(sessionId),
      url: 'https://example.com/',
    });
    expect(r.status).toBe('starting');
    await emu.idle();
    expect((await call<{ status: string }>(sdk, 'getRender', r.id)).status).toBe('started');
    expect(
      (await call<{ items: Array<{ id: string }> }>(sdk, 'listRenders', {})).items.some((x) => x.id === r.id),
    ).toBe(true);
    await call(sdk, 'stopRender', r.id);
    expect((await call<{ status: string }>(sdk, 'getRender', r.id)).status).toBe('stopped');
  });

  it('lists streams, sets class lists, mutes all and disables it', async () => {
    const { sessionId, streamId } = await meeting();
    await call(sdk, 'setStreamClassLists', sessionId, [{ id: streamId, layoutClassList: ['focus'] }]);
    const streams = await call<Array<{ id: string; layoutClassList: string[] }>>(
      sdk,
      'listStreams',
      sessionId,
    );
    expect(streams.map((s) => [s.id, s.layoutClassList])).toEqual([[streamId, ['focus']]]);
    await call(sdk, 'forceMuteAll', sessionId, { excludedStreamIds: [] });
    expect(emu.snapshot(sessionId).muteAll.active).toBe(true);
    await call(sdk, 'disableForceMute', sessionId);
    expect(emu.snapshot(sessionId).muteAll.active).toBe(false);
  });

  it('dials SIP and connects an Audio Connector, both joining as connections', async () => {
    const { sessionId, streamId } = await meeting();
    const sip = await call<{ id: string; connectionId: string; streamId: string }>(
      sdk,
      'dial',
      sessionId,
      sdk.generateToken(sessionId),
      'sip:a@b.example',
      { secure: true, observeForceMute: true },
    );
    const ws = await call<{ id: string; connectionId: string }>(
      sdk,
      'websocketConnect',
      sessionId,
      sdk.generateToken(sessionId),
      'wss://ws.example/a',
      { streams: [streamId] },
    );
    const kinds = emu.snapshot(sessionId).connections.map((c) => [c.id, c.kind]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        [sip.connectionId, 'sip'],
        [ws.connectionId, 'audio'],
      ]),
    );
    await expect(call(sdk, 'dial', sessionId, 'forged-token', 'sip:a@b.example', {})).rejects.toThrow(
      /Failed to dial endpoint/,
    );
  });
});
