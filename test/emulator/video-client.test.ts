import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { VideoClient } from '../../src/video/index.js';

// Our own VideoClient (src/video/) against the emulator, with both credential kinds: every VideoApi
// method, and both token formats accepted by the emulator's independent verification.

const appId = randomUUID();
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let emu: Emulator;
let project: VideoClient;
let app: VideoClient;

beforeAll(async () => {
  emu = await startEmulator({
    applications: [
      {
        applicationId: appId,
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    ],
    timing: { archiveAvailableMs: 10, renderStartMs: 10 },
  });
  project = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url, retry: false });
  app = new VideoClient({
    applicationId: appId,
    privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    baseUrl: emu.url,
    retry: false,
  });
});
afterAll(async () => {
  await project.close();
  await app.close();
  await emu.close();
});

describe.each([
  ['OpenTok project credentials', () => project],
  ['Vonage application credentials', () => app],
])('VideoClient with %s', (_name, client) => {
  it('creates sessions and tokens the emulator accepts (JWT, and T1 for projects)', async () => {
    const c = client();
    const { sessionId } = await c.createSession({ mediaMode: 'routed' });
    const jwt = await emu.connect(sessionId, c.generateToken(sessionId, { role: 'moderator', data: 'jwt' }));
    expect(jwt.data).toBe('jwt');
    if (c === project)
      expect(
        (await emu.connect(sessionId, c.generateToken(sessionId, { tokenFormat: 'T1', data: 't1' }))).data,
      ).toBe('t1');
  });

  it('runs archives, broadcasts, renders, streams, moderation, SIP and audio end to end', async () => {
    const c = client();
    const { sessionId } = await c.createSession({ mediaMode: 'routed' });
    const { connectionId } = await emu.connect(sessionId, c.generateToken(sessionId, { data: 'host' }));
    const { streamId } = await emu.publish(connectionId, { name: 'host' });

    const archive = await c.startArchive(sessionId, { name: 'rec', streamMode: 'manual' });
    expect(archive.status).toBe('started');
    await c.addArchiveStream(archive.id, streamId, { hasVideo: false });
    await c.removeArchiveStream(archive.id, streamId);
    await c.setArchiveLayout(archive.id, 'bestFit', undefined, 'pip');
    expect((await c.stopArchive(archive.id)).status).toBe('stopped');
    await emu.idle();
    expect((await c.getArchive(archive.id)).status).toBe('available');
    expect((await c.listArchives({ sessionId })).items.map((a) => a.id)).toEqual([archive.id]);
    await c.deleteArchive(archive.id);

    const broadcast = await c.startBroadcast(sessionId, {
      outputs: { hls: {}, rtmp: [{ serverUrl: 'rtmp://x/app', streamName: 'k' }] },
      streamMode: 'manual',
    });
    await c.addBroadcastStream(broadcast.id, streamId);
    await c.removeBroadcastStream(broadcast.id, streamId);
    await c.setBroadcastLayout(broadcast.id, 'pip');
    expect((await c.getBroadcast(broadcast.id)).status).toBe('started');
    expect((await c.listBroadcasts({ sessionId })).count).toBe(1);
    expect((await c.stopBroadcast(broadcast.id)).status).toBe('stopped');

    const render = await c.startRender({
      sessionId,
      token: c.generateToken(sessionId),
      url: 'https://example.com/',
    });
    expect(render.status).toBe('starting');
    await emu.idle();
    expect((await c.getRender(render.id)).status).toBe('started');
    expect((await c.listRenders()).items.some((r) => r.id === render.id)).toBe(true);
    await c.stopRender(render.id);

    expect((await c.getStream(sessionId, streamId)).name).toBe('host');
    await c.setStreamClassLists(sessionId, [{ id: streamId, layoutClassList: ['full'] }]);
    expect((await c.listStreams(sessionId)).find((s) => s.id === streamId)?.layoutClassList).toEqual([
      'full',
    ]);
    await c.forceMuteStream(sessionId, streamId);
    await c.forceMuteAll(sessionId, { excludedStreamIds: [] });
    await c.disableForceMute(sessionId);
    await c.signal(sessionId, null, { type: 'chat', data: 'hi' });
    await c.signal(sessionId, connectionId, { data: 'you' });
    expect(emu.signals(sessionId)).toHaveLength(2);

    const call = await c.dial(sessionId, c.generateToken(sessionId), 'sip:alice@example.com', {
      from: 'bot@example.com',
    });
    await c.playDTMF(sessionId, null, '1#');
    await c.playDTMF(sessionId, call.connectionId, '2');
    expect(emu.dtmf(sessionId).map((d) => d.digits)).toEqual(['1#', '2']);
    await c.forceDisconnect(sessionId, call.connectionId);

    const ws = await c.websocketConnect(sessionId, c.generateToken(sessionId), 'wss://example.com/audio', {
      streams: [streamId],
    });
    expect(emu.snapshot(sessionId).connections.some((x) => x.id === ws.connectionId)).toBe(true);
    if (c.disconnectWebsocket) await c.disconnectWebsocket(sessionId, ws.connectionId);
    await c.forceDisconnect(sessionId, connectionId);
    expect(emu.snapshot(sessionId).connections.filter((x) => x.kind === 'client')).toEqual([]);
  });

  it('runs the newer surface: captions, transcription, broadcast update, callback registry, e2ee, SIP video, two-way audio', async () => {
    const c = client();
    const { sessionId } = await c.createSession({ mediaMode: 'routed', e2ee: true });
    const { connectionId } = await emu.connect(sessionId, c.generateToken(sessionId, { data: 'host' }));
    const { streamId } = await emu.publish(connectionId, { name: 'host' });

    const { captionsId } = await c.startCaptions(
      sessionId,
      c.generateToken(sessionId, { role: 'moderator' }),
      {
        languageCode: 'en-GB',
        maxDuration: 600,
        partialCaptions: false,
      },
    );
    expect(await c.getCaptionStatus(captionsId)).toMatchObject({ status: 'started', languageCode: 'en-GB' });
    await c.stopCaptions(captionsId);

    const archive = await c.startArchive(sessionId, {
      outputMode: 'individual',
      hasTranscription: true,
      transcriptionProperties: { hasSummary: false },
      multiArchiveTag: 'transcribed',
    });
    const composed = await c.startArchive(sessionId, { quantizationParameter: 30, multiArchiveTag: 'qp' });
    expect(composed.quantizationParameter).toBe(30);
    await c.stopArchive(archive.id);
    await c.stopArchive(composed.id);
    await emu.idle();
    expect((await c.getArchive(archive.id)).transcription?.status).toBe('available');

    const broadcast = await c.startBroadcast(sessionId, {
      outputs: { hls: { lowLatency: true } },
      maxBitrate: 2_000_000,
      multiBroadcastTag: 'one',
    });
    await c.updateBroadcast(broadcast.id, { resolution: '1920x1080' });
    expect((await c.getBroadcast(broadcast.id)).resolution).toBe('1920x1080');
    await c.stopBroadcast(broadcast.id);

    const registered = await c.registerCallback({
      group: 'sip',
      event: 'callCreated',
      url: 'https://x.example/sip',
    });
    expect((await c.listCallbacks()).map((r) => r.id)).toEqual([registered.id]);
    await c.unregisterCallback(registered.id);

    const sip = await c.dial(sessionId, c.generateToken(sessionId), 'sip:bob@example.com', {
      video: true,
      observeForceMute: true,
      streams: [streamId],
    });
    expect(emu.snapshot(sessionId).streams.find((s) => s.id === sip.streamId)?.hasVideo).toBe(true);
    const ws = await c.websocketConnect(sessionId, c.generateToken(sessionId), 'wss://example.com/audio', {
      audioRate: 8000,
      bidirectional: true,
    });
    const leg = emu.snapshot(sessionId).audioConnections.find((a) => a.connectionId === ws.connectionId);
    expect([leg?.audioRate, leg?.bidirectional]).toEqual([8000, true]);
  });

  it("surfaces the emulator's 404 and 409 answers as errors", async () => {
    const c = client();
    await expect(c.getArchive('nope')).rejects.toThrow();
    const { sessionId } = await c.createSession({ mediaMode: 'relayed' });
    await expect(c.startArchive(sessionId)).rejects.toThrow();
  });
});
