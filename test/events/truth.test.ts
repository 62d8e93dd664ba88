import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionData } from '../../src/identity.js';
import { textOf } from '../cards/recording-publisher.js';
import { postCallback, startHarness, type Harness } from './harness.js';

// Callbacks from the emulator through the store to the card: what the card says about names,
// phones under mute-all and streams whose events arrive out of order.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const cardOf = (meetingId: string) =>
  textOf(h.publisher.latest(h.publisher.posts.find((p) => p.view.cardOf === meetingId)!.ref.messageId));

describe('what the card says', () => {
  it('names people connected by another app from their token data or stream name', async () => {
    const m = await h.meeting('Names');
    const connect = async (data?: string) => {
      const token = h.video.generateToken(m.sessionId, data === undefined ? {} : { data });
      return (await h.emulator.connect(m.sessionId, token)).connectionId;
    };
    await connect('name=Alice');
    await connect('{"name":"Bob"}');
    await connect('Carol');
    const dee = await connect('{"role":"host"}');
    await h.emulator.publish(dee, { videoType: 'camera', name: 'Dee' });
    await connect();
    await h.settle();
    const card = cardOf(m.id);
    for (const name of ['Alice', 'Bob', 'Carol', 'Dee']) expect(card).toContain(`**${name}**`);
    expect(card).toContain('**Guest**');
    expect(card).toContain('Participants: 5');
    expect(card).not.toContain('role');
  });

  it('does not show a phone dialled without observe-mute as muted under mute-all', async () => {
    const m = await h.meeting('Mute all and phones');
    const ann = await h.join(m, 'Ann');
    await h.emulator.publish(ann, { videoType: 'camera' });
    await h.video.forceMuteAll(m.sessionId);
    await h.store.updateMeeting(m.id, { muteAll: true });
    const token = (name: string) =>
      h.video.generateToken(m.sessionId, {
        data: connectionData({ platform: 'shell', userId: 'U1', name, kind: 'sip' }),
      });
    await h.video.dial(m.sessionId, token('+15550000001'), 'sip:+15550000001@sip.example.com');
    await h.video.dial(m.sessionId, token('+15550000002'), 'sip:+15550000002@sip.example.com', {
      observeForceMute: true,
    });
    await h.settle();
    const card = cardOf(m.id);
    expect(card).toContain('**+15550000001** (phone) — audio\n');
    expect(card).toContain('**+15550000002** (phone) — audio (muted)');
  });

  it('keeps a stream gone when its create and destroy share a millisecond and arrive destroy first', async () => {
    const m = await h.meeting('Same millisecond');
    const ts = Date.now();
    const connection = {
      id: 'c-same',
      createdAt: ts,
      data: connectionData({ platform: 'shell', userId: 'U9', name: 'Quick' }),
    };
    const stream = { id: 's-same', connection, createdAt: ts, name: '', videoType: 'camera' };
    for (const event of ['connectionDestroyed', 'streamDestroyed', 'streamCreated', 'connectionCreated'])
      await postCallback(h.url, {
        sessionId: m.sessionId,
        event,
        timestamp: ts,
        ...(event.startsWith('stream') ? { stream } : { connection }),
      });
    await h.settle();
    const card = cardOf(m.id);
    expect(card).not.toContain('Quick');
    expect(card).not.toContain('not yet identified');
    expect(card).toContain('Everyone has left.');
  });
});
