import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { VideoClient, type VideoError } from '../../src/video/index.js';
import {
  call,
  createSession,
  meeting,
  officialSdk,
  rest,
  startReceiver,
  until,
  type Receiver,
} from './helpers.js';

// Live captions: start with a moderator token (202 {captionsId}), status, stop, the 409/400 refusals,
// the maxDuration stop, and the caption status callbacks (to statusCallbackUrl or the default URL).

const open: Array<{ close(): Promise<void> }> = [];
async function setup(): Promise<{ emu: Emulator; receiver: Receiver; video: VideoClient }> {
  const receiver = await startReceiver();
  const emu = await startEmulator({ callbackUrl: receiver.url, timing: { secondMs: 1 } });
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
const captionEvents = (r: Receiver) => r.received.map((x) => x.body).filter((b) => b.captionId !== undefined);

describe('live captions in the emulator', () => {
  it('starts, reports status, stops, and sends a status callback for each change', async () => {
    const { emu, receiver, video } = await setup();
    const { sessionId } = await meeting(emu);
    const token = video.generateToken(sessionId, { role: 'moderator' });
    const { captionsId } = await video.startCaptions(sessionId, token, { languageCode: 'fr-FR' });
    const running = await video.getCaptionStatus(captionsId);
    expect(running).toMatchObject({
      captionId: captionsId,
      sessionId,
      status: 'started',
      languageCode: 'fr-FR',
      provider: 'aws-transcribe',
    });
    await video.stopCaptions(captionsId);
    expect((await video.getCaptionStatus(captionsId)).status).toBe('stopped');
    await emu.idle();
    expect(captionEvents(receiver).map((b) => [b.status, b.reason, b.group])).toEqual([
      ['started', undefined, 'captions'],
      ['stopped', 'Stop Requested', 'captions'],
    ]);
    const stopAgain = (await video.stopCaptions(captionsId).catch((e: unknown) => e)) as VideoError;
    expect(stopAgain.status).toBe(409);
  });

  it('sends callbacks to the run statusCallbackUrl and stops at maxDuration', async () => {
    const { emu, receiver, video } = await setup();
    const own = await startReceiver();
    open.push(own);
    const { sessionId } = await meeting(emu);
    const token = video.generateToken(sessionId, { role: 'moderator' });
    const { captionsId } = await video.startCaptions(sessionId, token, {
      maxDuration: 300,
      statusCallbackUrl: own.url,
    });
    await until(() => captionEvents(own).length === 2);
    expect(captionEvents(own).map((b) => [b.captionId, b.status, b.reason])).toEqual([
      [captionsId, 'started', undefined],
      [captionsId, 'stopped', 'Max Duration Exceeded'],
    ]);
    expect(captionEvents(receiver)).toEqual([]);
  });

  it('refuses a second run, a relayed session, a non-moderator token and an unknown ID', async () => {
    const { emu, video } = await setup();
    const { sessionId } = await meeting(emu);
    const moderator = video.generateToken(sessionId, { role: 'moderator' });
    await video.startCaptions(sessionId, moderator);
    const status = (p: Promise<unknown>) =>
      p.then(
        () => 0,
        (e: VideoError) => e.status,
      );
    expect(await status(video.startCaptions(sessionId, moderator))).toBe(409);
    const relayed = await createSession(emu, 'archiveMode=manual&p2p.preference=enabled');
    expect(
      await status(video.startCaptions(relayed, video.generateToken(relayed, { role: 'moderator' }))),
    ).toBe(409);
    const other = await createSession(emu);
    expect(await status(video.startCaptions(other, video.generateToken(other)))).toBe(400);
    expect(await status(video.getCaptionStatus('nope'))).toBe(404);
    const raw = await rest(emu, 'POST', '{P}/captions', {
      sessionId: other,
      token: 'x',
      languageCode: 'English',
    });
    expect([raw.status, raw.body.message]).toEqual([
      400,
      'languageCode must be a supported BCP-47 code such as en-US.',
    ]);
  });

  it('accepts the official package startCaptions and stopCaptions', async () => {
    const { emu, receiver } = await setup();
    const sdk = officialSdk(emu);
    const { sessionId } = await meeting(emu);
    const token = sdk.generateToken(sessionId, { role: 'moderator' });
    const captionsId = await call<string>(sdk, 'startCaptions', sessionId, token, {});
    expect(typeof captionsId).toBe('string');
    expect(await call(sdk, 'stopCaptions', captionsId)).toBe(true);
    await emu.idle();
    expect(captionEvents(receiver).map((b) => b.status)).toEqual(['started', 'stopped']);
  });

  it('sends emulated caption lines, speakers in turn, to listening clients while captions run', async () => {
    const { emu, video } = await setup();
    const sessionId = await createSession(emu);
    const modToken = video.generateToken(sessionId, { role: 'moderator' });
    const ada = await emu.connect(sessionId, video.generateToken(sessionId), {
      name: 'Ada',
      heartbeat: true,
    });
    await emu.publish(ada.connectionId, { name: 'Ada' });
    const bob = await emu.connect(sessionId, video.generateToken(sessionId), { name: 'Bob' });
    await emu.publish(bob.connectionId, { name: 'Bob' });
    const { captionsId } = await video.startCaptions(sessionId, modToken, { languageCode: 'en-GB' });
    const lines: Array<{ speaker: string; text: string }> = [];
    let after = 0;
    let epoch: string | undefined;
    while (lines.length < 3) {
      const poll = await emu.events(ada.connectionId, { after, epoch, waitMs: 2000 });
      ({ epoch } = poll);
      after = poll.events.at(-1)?.seq ?? after;
      for (const e of poll.events) if (e.type === 'caption') lines.push({ speaker: e.speaker, text: e.text });
    }
    expect(lines.slice(0, 3).map((l) => l.speaker)).toEqual(['Ada', 'Bob', 'Ada']);
    expect(lines[0]!.text).toBe('(emulated caption 1, en-GB) Ada is speaking.');
    await video.stopCaptions(captionsId);
    const last = (await emu.events(ada.connectionId, { after: 0, waitMs: 0 })).events.at(-1)!.seq;
    await new Promise((r) => setTimeout(r, 50));
    const later = await emu.events(ada.connectionId, { after: last, epoch, waitMs: 0 });
    expect(later.events.filter((e) => e.type === 'caption')).toEqual([]);
  });
});
