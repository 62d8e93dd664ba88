import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { VideoClient, type VideoError } from '../../src/video/index.js';
import { meeting, rest, startReceiver, type Receiver } from './helpers.js';

// Post-call transcription of individual archives (requested -> started -> available with a URL, each
// reported by the archive and an archive callback), and broadcast resolution updates.

const open: Array<{ close(): Promise<void> }> = [];
async function setup(): Promise<{ emu: Emulator; receiver: Receiver; video: VideoClient }> {
  const receiver = await startReceiver();
  const emu = await startEmulator({ callbackUrl: receiver.url, timing: { archiveAvailableMs: 10 } });
  const video = new VideoClient({
    apiKey: emu.apiKey,
    apiSecret: emu.apiSecret,
    baseUrl: emu.url,
    retry: false,
  });
  open.push(emu, receiver, video);
  return { emu, receiver, video };
}
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

describe('post-call transcription', () => {
  it('reports the transcription ready on the archive and serves the transcript', async () => {
    const { emu, receiver, video } = await setup();
    const { sessionId } = await meeting(emu);
    const started = await video.startArchive(sessionId, {
      outputMode: 'individual',
      hasTranscription: true,
      transcriptionProperties: { primaryLanguageCode: 'de-DE', hasSummary: true },
    });
    expect(started.hasTranscription).toBe(true);
    expect(started.transcription).toMatchObject({
      status: 'requested',
      primaryLanguageCode: 'de-DE',
      hasSummary: true,
    });
    await video.stopArchive(started.id);
    await emu.idle();
    const done = await video.getArchive(started.id);
    expect(done.transcription?.status).toBe('available');
    expect(done.transcription?.url).toMatch(/\/_emulator\/transcripts\/.+\.json$/);
    await emu.idle();
    const statuses = receiver.received
      .map((r) => r.body)
      .filter((b) => b.event === 'archive' && b.id === started.id)
      .map((b) => [b.status, (b.transcription as { status?: string } | undefined)?.status]);
    expect(statuses.at(-1)).toEqual(['available', 'available']);
    expect(statuses).toContainEqual(['available', 'started']);
    const file = (await (await fetch(done.transcription!.url!)).json()) as Record<string, unknown>;
    expect(file).toMatchObject({ archiveId: started.id, sessionId, primaryLanguageCode: 'de-DE' });
    expect(file.emulated).toBe(true);
    expect(file.summary).toMatch(/^Emulated summary: .+ recorded over \d+ s; 0 signals sent\./);
    const lines = file.transcript as Array<{ start: number; speaker: string | null; text: string }>;
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.text.startsWith('(emulated'))).toBe(true);
    // Same archive, same file.
    expect(await (await fetch(done.transcription!.url!)).json()).toEqual(file);
  });

  it('refuses transcription of a composed archive and properties without transcription', async () => {
    const { emu } = await setup();
    const { sessionId } = await meeting(emu);
    const composed = await rest(emu, 'POST', '{P}/archive', { sessionId, hasTranscription: true });
    expect([composed.status, composed.body.message]).toEqual([
      400,
      'Transcription is available for individual archives only.',
    ]);
    const props = await rest(emu, 'POST', '{P}/archive', {
      sessionId,
      outputMode: 'individual',
      transcriptionProperties: { hasSummary: true },
    });
    expect(props.status).toBe(400);
    const bitrate = await rest(emu, 'POST', '{P}/archive', {
      sessionId,
      outputMode: 'individual',
      maxBitrate: 200_000,
    });
    expect(bitrate.status).toBe(400);
  });
});

describe('broadcast update', () => {
  it('changes the resolution of a running broadcast and refuses a stopped one', async () => {
    const { emu, video } = await setup();
    const { sessionId } = await meeting(emu);
    const b = await video.startBroadcast(sessionId, { outputs: { hls: {} }, resolution: '640x480' });
    await video.updateBroadcast(b.id, { resolution: '1280x720' });
    expect((await video.getBroadcast(b.id)).resolution).toBe('1280x720');
    await video.stopBroadcast(b.id);
    const err = (await video
      .updateBroadcast(b.id, { resolution: '640x480' })
      .catch((e: unknown) => e)) as VideoError;
    expect(err.status).toBe(409);
    const missing = await rest(emu, 'PATCH', `{P}/broadcast/${b.id}`, {});
    expect(missing.status).toBe(400);
  });
});
