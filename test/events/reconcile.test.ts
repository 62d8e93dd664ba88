import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(card).toContain('1 stream from someone not yet identified');
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

  it('runs on one replica at a time (lease)', async () => {
    await h.reconciler.stop();
    const other = await h.store.acquireLease('reconcile', 'another-replica', 60_000);
    expect(other).toBe(true);
    expect(await h.reconciler.runOnce()).toBe(0);
    await h.store.releaseLease('reconcile', 'another-replica');
  });
});
