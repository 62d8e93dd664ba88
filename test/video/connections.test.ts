import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { isVideoError } from '../../src/video/errors.js';
import { VideoClient } from '../../src/video/index.js';

// listConnections (GET .../session/{id}/connection): what reconciliation reads to find people whose
// browser died without a connectionDestroyed. The emulator answers like the Video API.

let emulator: Emulator;
let video: VideoClient;
beforeAll(async () => {
  emulator = await startEmulator();
  video = new VideoClient({
    apiKey: emulator.apiKey,
    apiSecret: emulator.apiSecret,
    baseUrl: emulator.url,
    retry: false,
  });
});
afterAll(async () => {
  await video.close();
  await emulator.close();
});

describe('listConnections', () => {
  it('lists the connections of a session, and forgets those that left', async () => {
    const { sessionId } = await video.createSession({ mediaMode: 'routed' });
    expect(await video.listConnections(sessionId)).toEqual([]);
    const a = await emulator.connect(sessionId, video.generateToken(sessionId));
    const b = await emulator.connect(sessionId, video.generateToken(sessionId));
    const listed = await video.listConnections(sessionId);
    expect(listed.map((c) => c.connectionId).sort()).toEqual([a.connectionId, b.connectionId].sort());
    expect(listed[0]).toMatchObject({ connectionState: 'Connected', createdAt: expect.any(Number) });
    await emulator.disconnect(a.connectionId);
    expect((await video.listConnections(sessionId)).map((c) => c.connectionId)).toEqual([b.connectionId]);
  });

  it('answers not_found for a session the API does not know (an emulator that lost its state)', async () => {
    const { sessionId } = await video.createSession();
    emulator.reset();
    const err = await video.listConnections(sessionId).catch((e: unknown) => e);
    expect(isVideoError(err, 'not_found')).toBe(true);
  });
});
