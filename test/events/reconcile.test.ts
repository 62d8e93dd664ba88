import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionData } from '../../src/identity.js';
import { textOf } from '../cards/recording-publisher.js';
import { startHarness, type Harness } from './harness.js';

// Lost callbacks: with the callback URL unset the emulator drops every event; the reconciliation
// pass reads the Video API and repairs the store and the card.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('reconciliation', () => {
  it('repairs a stream that ended and a recording that started while callbacks were lost', async () => {
    const m = await h.meeting('Lossy');
    const cardId = h.publisher.posts.at(-1)!.ref.messageId;
    const ann = await h.join(m, 'Ann');
    const cam = await h.emulator.publish(ann, { videoType: 'camera' });
    await h.settle();
    expect(textOf(h.publisher.latest(cardId))).toContain('**Ann** — camera');

    h.emulator.setCallbackUrl(undefined);
    await h.emulator.unpublish(cam.streamId, 'clientDisconnected');
    const bob = await h.join(m, 'Bob');
    const bobCam = await h.emulator.publish(bob, { videoType: 'camera' });
    const archive = await h.video.startArchive(m.sessionId, { name: 'Lost' });
    await h.settle();
    expect(textOf(h.publisher.latest(cardId))).toContain('**Ann** — camera');

    const repairs = await h.reconciler.runOnce();
    expect(repairs).toBeGreaterThanOrEqual(3);
    await h.settle();
    const card = textOf(h.publisher.latest(cardId));
    expect(card).not.toContain('**Ann** — camera');
    // Bob's connectionCreated and streamCreated were both lost: his stream is given to the one
    // connection the API lists that the store knew nothing of (its name is lost with its event).
    expect(card).toContain('**Guest** — camera');
    expect(card).not.toContain('not yet identified');
    expect(card).toContain('Recording `Lost`');
    expect((await h.store.getRecording(archive.id))?.status).toBe('started');

    // A second pass finds nothing left to repair.
    expect(await h.reconciler.runOnce()).toBe(0);
    h.emulator.setCallbackUrl(`${h.url}/vonage/events`);
    await h.video.stopArchive(archive.id);
    await h.emulator.unpublish(bobCam.streamId);
    await h.settle();
    expect((await h.store.getRecording(archive.id))?.status).toBe('available');
  });

  it('takes people whose browser died (no connectionDestroyed) off the card in one pass', async () => {
    const m = await h.meeting('Dead browsers');
    const cardId = h.publisher.posts.at(-1)!.ref.messageId;
    const ann = await h.join(m, 'Ann');
    await h.emulator.publish(ann, { videoType: 'camera' });
    const bob = await h.join(m, 'Bob');
    const cyd = await h.join(m, 'Cyd');
    await h.settle();
    expect(textOf(h.publisher.latest(cardId))).toContain('Participants: 3');

    h.emulator.setCallbackUrl(undefined);
    await h.emulator.disconnect(ann, 'networkDisconnected');
    await h.emulator.disconnect(bob, 'networkDisconnected');
    h.emulator.setCallbackUrl(`${h.url}/vonage/events`);
    await h.reconciler.runOnce();
    await h.settle();
    const card = textOf(h.publisher.latest(cardId));
    expect(card).toContain('Participants: 1');
    expect(card).toContain('**Cyd**');
    expect(card).not.toMatch(/Ann|Bob|not yet identified/);
    expect((await h.store.listConnections(m.id)).map((c) => c.connectionId)).toEqual([cyd]);
  });

  it('reads back live streams, composers, phone legs and audio streams whose callbacks were lost', async () => {
    const m = await h.meeting('Lost media');
    const cardId = h.publisher.posts.at(-1)!.ref.messageId;
    const ann = await h.join(m, 'Ann');
    await h.emulator.publish(ann, { videoType: 'camera' });
    const token = (kind: 'sip' | 'audio' | 'render', name: string) =>
      h.video.generateToken(m.sessionId, {
        data: connectionData({ platform: 'shell', userId: 'U1', name, kind }),
      });
    // What the commands store when they start each leg, as dial / audio-stream start / compose start do.
    const call = await h.video.dial(m.sessionId, token('sip', '+15550001'), 'sip:+15550001@sip.example.com');
    await h.store.upsertSipLeg({
      id: call.id,
      meetingId: m.id,
      connectionId: call.connectionId,
      streamId: call.streamId ?? null,
      uri: '+15550001',
      state: 'dialing',
      createdAt: Date.now() - 60_000,
      endedAt: null,
      seq: 0,
    });
    const audio = await h.video.websocketConnect(m.sessionId, token('audio', 'Audio'), 'wss://asr.example/a');
    await h.store.upsertAudioStream({
      id: audio.id,
      meetingId: m.id,
      connectionId: audio.connectionId,
      uri: 'wss://asr.example/a',
      status: 'active',
      createdAt: Date.now() - 60_000,
      seq: 0,
    });
    await h.settle();
    expect(textOf(h.publisher.latest(cardId))).toContain('Phone: `+15550001` active');

    h.emulator.setCallbackUrl(undefined);
    const cast = await h.video.startBroadcast(m.sessionId, { outputs: { hls: {} } });
    const render = await h.video.startRender({
      sessionId: m.sessionId,
      token: token('render', 'Composer'),
      url: 'https://example.com/',
    });
    await h.emulator.disconnect(call.connectionId);
    await h.emulator.disconnect(audio.connectionId);
    await h.emulator.idle();
    h.emulator.setCallbackUrl(`${h.url}/vonage/events`);
    await h.reconciler.runOnce();
    await h.settle();
    let card = textOf(h.publisher.latest(cardId));
    expect(card).toContain('Live —');
    expect(card).toContain('Also connected: composer running');
    expect(card).not.toContain('Phone:');
    expect(card).not.toContain('audio stream to');
    expect((await h.store.listSipLegs(m.id))[0]).toMatchObject({ state: 'HANGUP' });
    expect((await h.store.listAudioStreams(m.id))[0]).toMatchObject({ status: 'stopped' });

    h.emulator.setCallbackUrl(undefined);
    await h.video.stopBroadcast(cast.id);
    await h.video.stopRender(render.id);
    await h.emulator.idle();
    h.emulator.setCallbackUrl(`${h.url}/vonage/events`);
    await h.reconciler.runOnce();
    await h.settle();
    card = textOf(h.publisher.latest(cardId));
    expect(card).not.toContain('Live —');
    expect(card).not.toContain('composer');
    expect(card).toContain('Participants: 1');
  });

  it('ends a meeting whose session the Video API no longer knows', async () => {
    const m = await h.meeting('Forgotten');
    const cardId = h.publisher.posts.at(-1)!.ref.messageId;
    await h.join(m, 'Ann');
    await h.settle();
    // An emulator restarted without its state: every session it had is gone.
    h.emulator.reset();
    await h.reconciler.runOnce();
    await h.settle();
    expect((await h.store.getMeeting(m.id))?.status).toBe('ended');
    const card = textOf(h.publisher.latest(cardId));
    expect(card).toContain('Forgotten (ended)');
    expect(card).toContain('the video service no longer knows this meeting');
    expect((await h.store.listAudit(m.id)).map((a) => a.detail)).toContain(
      'The video service no longer knows this meeting.',
    );
  });

  it('leaves no recording, live stream, person or phone of a forgotten meeting running', async () => {
    const m = await h.meeting('Forgotten media');
    const ann = await h.join(m, 'Ann');
    await h.emulator.publish(ann, { videoType: 'camera' });
    const archive = await h.video.startArchive(m.sessionId, { name: 'Gone' });
    const cast = await h.video.startBroadcast(m.sessionId, { outputs: { hls: {} } });
    await h.settle();
    expect((await h.store.getRecording(archive.id))?.status).toBe('started');
    expect((await h.store.getBroadcast(cast.id))?.status).toBe('started');
    h.emulator.reset();
    await h.reconciler.runOnce();
    await h.settle();
    expect((await h.store.getMeeting(m.id))?.status).toBe('ended');
    expect((await h.store.getRecording(archive.id))?.status).toBe('failed');
    expect((await h.store.getBroadcast(cast.id))?.status).toBe('stopped');
    expect(await h.store.listConnections(m.id)).toEqual([]);
    expect(await h.store.listStreams(m.id)).toEqual([]);
  });

  it('reads back a recording that stopped while its callbacks were lost', async () => {
    const m = await h.meeting('Stopped unseen');
    const cardId = h.publisher.posts.at(-1)!.ref.messageId;
    const ann = await h.join(m, 'Ann');
    await h.emulator.publish(ann, { videoType: 'camera' });
    const archive = await h.video.startArchive(m.sessionId, { name: 'Quiet' });
    await h.settle();
    expect(textOf(h.publisher.latest(cardId))).toContain('Recording `Quiet`');
    h.emulator.setCallbackUrl(undefined);
    await h.video.stopArchive(archive.id);
    await h.emulator.idle();
    h.emulator.setCallbackUrl(`${h.url}/vonage/events`);
    await h.reconciler.runOnce();
    await h.settle();
    expect((await h.store.getRecording(archive.id))?.status).toBe('available');
    expect(textOf(h.publisher.latest(cardId))).not.toContain('Recording `Quiet`');
  });

  it('says on the card since when the Video API could not confirm the meeting, until it can again', async () => {
    const m = await h.meeting('Unconfirmed');
    const cardId = h.publisher.posts.at(-1)!.ref.messageId;
    await h.join(m, 'Ann');
    await h.reconciler.runOnce();
    await h.settle();
    const confirmedAt = (await h.store.getMeetingCheck(m.id))!.confirmedAt!;
    const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;
    h.emulator.setFault({ method: 'GET', path: '/v2/project/[^/]+/session/[^/]+/stream', status: 503 });
    try {
      await h.reconciler.runOnce();
      await h.settle();
      const card = textOf(h.publisher.latest(cardId));
      expect(card).toContain(`has not confirmed this meeting since`);
      expect(card).toContain(`(last confirmed at ${clock(confirmedAt)}): this card may be out of date.`);
      expect(card).toContain('**Ann**');
    } finally {
      h.emulator.clearFaults();
    }
    await h.reconciler.runOnce();
    await h.settle();
    expect(textOf(h.publisher.latest(cardId))).not.toContain('has not confirmed');
    expect((await h.store.getMeetingCheck(m.id))?.failingSince).toBeNull();
  });

  it('runs on one replica at a time (lease)', async () => {
    await h.reconciler.stop();
    const other = await h.store.acquireLease('reconcile', 'another-replica', 60_000);
    expect(other).toBe(true);
    expect(await h.reconciler.runOnce()).toBe(0);
    await h.store.releaseLease('reconcile', 'another-replica');
  });

  it('reads back live captions whose started and stopped callbacks were lost', async () => {
    const m = await h.meeting('Captioned');
    const cardId = h.publisher.posts.at(-1)!.ref.messageId;
    h.emulator.setCallbackUrl(undefined);
    const token = h.video.generateToken(m.sessionId, { role: 'moderator' });
    const { captionsId } = await h.video.startCaptions(m.sessionId, token, { languageCode: 'it-IT' });
    await h.store.commit([
      {
        kind: 'captionRun',
        record: {
          id: captionsId,
          meetingId: m.id,
          status: 'requested',
          language: 'it-IT',
          startedBy: 'U1',
          createdAt: Date.now(),
          stoppedAt: null,
          seq: 0,
        },
      },
      { kind: 'touchMeeting', id: m.id },
    ]);
    await h.settle();
    expect(textOf(h.publisher.latest(cardId))).not.toContain('Captions on');
    expect(await h.reconciler.runOnce()).toBeGreaterThanOrEqual(1);
    await h.settle();
    expect(textOf(h.publisher.latest(cardId))).toContain('Captions on (it-IT)');
    expect((await h.store.listCaptionRuns(m.id))[0]).toMatchObject({ status: 'started', startedBy: 'U1' });
    await h.video.stopCaptions(captionsId);
    await h.reconciler.runOnce();
    await h.settle();
    expect(textOf(h.publisher.latest(cardId))).not.toContain('Captions on');
    expect((await h.store.listCaptionRuns(m.id))[0]!.stoppedAt).not.toBeNull();
    h.emulator.setCallbackUrl(`${h.url}/vonage/events`);
  });
});
