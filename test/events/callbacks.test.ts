import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackIngestor } from '../../src/events/ingest.js';
import { dedupeKey } from '../../src/events/order.js';
import { parseCallback } from '../../src/events/schemas.js';
import { connectionData } from '../../src/identity.js';
import { silentLogger } from '../../src/log.js';
import type { Store, StoreWrite } from '../../src/store/types.js';
import { textOf } from '../cards/recording-publisher.js';
import { postCallback, sign, startHarness, type Harness } from './harness.js';

// End to end: the emulator sends signed callbacks to our server; the store and the card follow.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const data = (name: string) => connectionData({ platform: 'shell', userId: `U-${name}`, name });
const connEvent = (sessionId: string, event: string, id: string, timestamp: number, name = 'Zed') => ({
  sessionId,
  projectId: '1',
  event,
  timestamp,
  connection: { id, createdAt: 1000, data: data(name) },
});

describe('POST /vonage/events authentication', () => {
  it('refuses unsigned, forged, stale and tampered callbacks with 401', async () => {
    const m = await h.meeting();
    const payload = connEvent(m.sessionId, 'connectionCreated', 'c-auth', Date.now());
    const body = JSON.stringify(payload);
    expect((await postCallback(h.url, payload, null)).status).toBe(401);
    expect(
      (await postCallback(h.url, payload, `Bearer ${await sign(body, 'some-other-secret-0123456789')}`))
        .status,
    ).toBe(401);
    expect(
      (await postCallback(h.url, payload, `Bearer ${await sign(body, undefined, -26 * 3600)}`)).status,
    ).toBe(401);
    expect(
      (await postCallback(h.url, payload, `Bearer ${await sign(body, undefined, 0, body + ' ')}`)).status,
    ).toBe(401);
    expect((await postCallback(h.url, payload, 'Basic abc')).status).toBe(401);
    await h.ingestor.idle();
    expect(await h.store.listConnections(m.id)).toEqual([]);
    const ok = await postCallback(h.url, payload);
    expect(ok.status).toBe(200);
    await h.ingestor.idle();
    expect((await h.store.listConnections(m.id)).map((c) => c.name)).toEqual(['Zed']);
  });

  it('accepts a retried delivery signed hours ago (Vonage retries for up to 24 h)', async () => {
    const m = await h.meeting();
    const payload = connEvent(m.sessionId, 'connectionCreated', 'c-retry', Date.now());
    const body = JSON.stringify(payload);
    expect(
      (await postCallback(h.url, payload, `Bearer ${await sign(body, undefined, -6 * 3600)}`)).status,
    ).toBe(200);
    await h.ingestor.idle();
    expect((await h.store.listConnections(m.id)).map((c) => c.connectionId)).toEqual(['c-retry']);
  });

  it('answers 200 and ignores callbacks for sessions it does not know', async () => {
    const res = await postCallback(
      h.url,
      connEvent('2_unknown-session', 'connectionCreated', 'c-x', Date.now()),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'unknown_session' });
  });

  it('rejects malformed JSON with 400 and ignores unreadable payloads with 200', async () => {
    const body = '{"event":';
    const res = await fetch(`${h.url}/vonage/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await sign(body)}` },
      body,
    });
    expect(res.status).toBe(400);
    const odd = await postCallback(h.url, { event: 'connectionCreated' });
    expect(odd.status).toBe(200);
    expect(await odd.json()).toMatchObject({ ignored: expect.stringContaining('session') });
  });
});

describe('callbacks from the emulator', () => {
  it('keeps the card true as people join, publish and leave', async () => {
    const m = await h.meeting('Design review');
    const ann = await h.join(m, 'Ann');
    const bob = await h.join(m, 'Bob');
    await h.emulator.publish(ann, { videoType: 'camera' });
    const screen = await h.emulator.publish(ann, { videoType: 'screen' });
    await h.emulator.publish(bob, { videoType: 'camera' });
    await h.settle();
    let card = textOf(h.publisher.latest(h.publisher.posts.at(-1)!.ref.messageId));
    expect(card).toContain('**Ann** — camera, screen');
    expect(card).toContain('**Bob** — camera');
    expect(card).toContain('Participants: 2');

    await h.emulator.unpublish(screen.streamId, 'mediaStopped');
    await h.emulator.disconnect(bob, 'clientDisconnected');
    await h.settle();
    card = textOf(h.publisher.latest(h.publisher.posts.at(-1)!.ref.messageId));
    expect(card).toContain('**Ann** — camera\n');
    expect(card).not.toContain('Bob');
    expect(card).toContain('Participants: 1');
    const gone = (await h.store.listConnections(m.id, { includeGone: true })).find(
      (c) => c.connectionId === bob,
    );
    expect(gone).toMatchObject({ reason: 'clientDisconnected', userId: 'U-Bob' });
  });

  it('applies a duplicated callback once', async () => {
    const m = await h.meeting();
    const payload = connEvent(m.sessionId, 'connectionCreated', 'c-dup', Date.now());
    const first = await (await postCallback(h.url, payload)).json();
    const second = await (await postCallback(h.url, payload)).json();
    expect(first).toMatchObject({ outcome: 'queued' });
    expect(second).toMatchObject({ outcome: 'duplicate' });
    await h.settle();
    expect((await h.store.listConnections(m.id)).filter((c) => c.connectionId === 'c-dup')).toHaveLength(1);
  });

  it('applies a redelivery whose first attempt was claimed but never finished (a replica died)', async () => {
    const m = await h.meeting();
    const payload = connEvent(m.sessionId, 'connectionCreated', 'c-orphan', Date.now());
    const parsed = parseCallback(payload);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(await h.store.claimKey('callback', dedupeKey(parsed.callback, payload.timestamp), 60_000)).toBe(
      true,
    );
    expect(await (await postCallback(h.url, payload)).json()).toMatchObject({ outcome: 'queued' });
    expect((await h.store.listConnections(m.id)).map((c) => c.connectionId)).toEqual(['c-orphan']);
    expect(await (await postCallback(h.url, payload)).json()).toMatchObject({ outcome: 'duplicate' });
  });

  it('never moves a participant or a recording backwards when callbacks arrive out of order', async () => {
    const m = await h.meeting();
    await postCallback(h.url, connEvent(m.sessionId, 'connectionDestroyed', 'c-late', 5000));
    await postCallback(h.url, connEvent(m.sessionId, 'connectionCreated', 'c-late', 4000));
    const archive = {
      id: 'a-1',
      event: 'archive',
      sessionId: m.sessionId,
      name: 'Sync',
      createdAt: 1000,
      duration: 61,
      size: 2_500_000,
      outputMode: 'composed',
    };
    await postCallback(h.url, { ...archive, status: 'available', updatedAt: 9000 });
    await postCallback(h.url, { ...archive, status: 'stopped', updatedAt: 8000 });
    // A late "started" with a newer clock still never reopens an available recording.
    await postCallback(h.url, { ...archive, status: 'started', updatedAt: 99_000 });
    await h.settle();
    expect(await h.store.listConnections(m.id)).toEqual([]);
    expect((await h.store.getRecording('a-1'))?.status).toBe('available');
    const card = textOf(
      h.publisher.latest(h.publisher.posts.find((p) => p.view.cardOf === m.id)!.ref.messageId),
    );
    expect(card).not.toContain('Recording —');
    const followUps = h.publisher.posts.filter(
      (p) => p.view.title === 'Recording available' && p.place.channelId === m.channelId,
    );
    expect(followUps).toHaveLength(1);
    expect(textOf(followUps[0]!.view)).toContain('Duration: 1m 01s');
    expect(textOf(followUps[0]!.view)).toContain('Size: 2.4 MB');
    const button = followUps[0]!.view.blocks.find((b) => b.type === 'buttons');
    expect(button).toMatchObject({ buttons: [{ action: 'recording.link', key: m.id, value: 'a-1' }] });
  });

  it('records a real archive through started, stopped and available with one follow-up', async () => {
    const m = await h.meeting('Recorded');
    const ann = await h.join(m, 'Ann');
    await h.emulator.publish(ann, { videoType: 'camera' });
    const archive = await h.video.startArchive(m.sessionId, { name: 'Standup' });
    await h.settle();
    const cardId = h.publisher.posts.find((p) => p.view.cardOf === m.id)!.ref.messageId;
    expect(textOf(h.publisher.latest(cardId))).toContain('Recording `Standup`');
    expect(textOf(h.publisher.latest(cardId))).toContain('[Stop recording]');
    await h.video.stopArchive(archive.id);
    await h.settle();
    expect((await h.store.getRecording(archive.id))?.status).toBe('available');
    expect(textOf(h.publisher.latest(cardId))).toContain('[Record]');
    const followUps = h.publisher.posts.filter(
      (p) => p.view.title === 'Recording available' && p.place.channelId === m.channelId,
    );
    expect(followUps).toHaveLength(1);
  });

  it('shows a live broadcast without its stream key and offers Stop live until it ends', async () => {
    const m = await h.meeting('Town hall');
    const ann = await h.join(m, 'Ann');
    await h.emulator.publish(ann, { videoType: 'camera' });
    const b = await h.video.startBroadcast(m.sessionId, {
      outputs: {
        hls: {},
        rtmp: [
          {
            id: 'yt',
            serverUrl: 'rtmp://user:pw-secret@a.rtmp.youtube.com/live2/path-secret?k=q-secret',
            streamName: 'super-secret-stream-key',
          },
        ],
      },
    });
    await h.settle();
    const cardId = h.publisher.posts.find((p) => p.view.cardOf === m.id)!.ref.messageId;
    const live = h.publisher.latest(cardId)!;
    expect(textOf(live)).toContain('Live — ');
    expect(textOf(live)).toContain('RTMP rtmp://a.rtmp.youtube.com/live2');
    expect(textOf(live)).toContain('[Stop live]');
    expect(JSON.stringify(h.publisher.updates)).not.toMatch(/pw-secret|path-secret|q-secret|super-secret/);
    expect(JSON.stringify(await h.store.getBroadcast(b.id))).not.toMatch(
      /pw-secret|path-secret|q-secret|super-secret/,
    );
    await h.video.stopBroadcast(b.id);
    await h.settle();
    expect((await h.store.getBroadcast(b.id))?.status).toBe('stopped');
    expect(textOf(h.publisher.latest(cardId))).toContain('[Go live]');
  });

  it('keeps Experience Composer renders forward-only', async () => {
    const m = await h.meeting();
    const render = {
      id: 'r-1',
      event: 'render',
      sessionId: m.sessionId,
      url: 'https://example.com/app',
      createdAt: 1000,
    };
    await postCallback(h.url, {
      ...render,
      status: 'stopped',
      reason: 'Stop Requested',
      updatedAt: 3000,
      streamId: 'rs-1',
    });
    await postCallback(h.url, { ...render, status: 'started', updatedAt: 9000, streamId: 'rs-1' });
    await h.settle();
    expect(await h.store.listRenders(m.id)).toEqual([
      expect.objectContaining({
        id: 'r-1',
        status: 'stopped',
        url: 'https://example.com/app',
        streamId: 'rs-1',
      }),
    ]);
  });

  it('tracks SIP legs and forced mutes', async () => {
    const m = await h.meeting();
    const now = Date.now();
    await postCallback(h.url, {
      sessionId: m.sessionId,
      event: 'callCreated',
      timestamp: now,
      call: { id: 'call-1', connectionId: 'sip-c', createdAt: now },
    });
    await postCallback(h.url, {
      sessionId: m.sessionId,
      event: 'callUpdated',
      timestamp: now + 1,
      state: 'ACTIVE',
      call: { id: 'call-1', connectionId: 'sip-c' },
    });
    const sipData = connectionData({ platform: 'shell', userId: 'U1', name: '+15551234567', kind: 'sip' });
    const sipConn = { id: 'sip-c', createdAt: now, data: sipData };
    await postCallback(h.url, {
      sessionId: m.sessionId,
      event: 'streamCreated',
      timestamp: now + 1,
      stream: { id: 'sip-s', connection: sipConn, createdAt: now, name: '', videoType: null },
    });
    await postCallback(h.url, {
      sessionId: m.sessionId,
      event: 'muteForced',
      timestamp: now + 2,
      call: { id: 'call-1', connectionId: 'sip-c' },
    });
    await h.settle();
    expect((await h.store.listSipLegs(m.id))[0]).toMatchObject({ state: 'ACTIVE', endedAt: null });
    expect((await h.store.listStreams(m.id))[0]).toMatchObject({ streamId: 'sip-s', muted: true });
    const card = textOf(
      h.publisher.latest(h.publisher.posts.find((p) => p.view.cardOf === m.id)!.ref.messageId),
    );
    expect(card).toContain('**+15551234567** (phone) — audio (muted)');
    expect(card).toContain('[DTMF]');
    await postCallback(h.url, {
      sessionId: m.sessionId,
      event: 'callDestroyed',
      timestamp: now + 3,
      reason_code: 700,
      call: { id: 'call-1', connectionId: 'sip-c' },
    });
    await postCallback(h.url, {
      sessionId: m.sessionId,
      event: 'callUpdated',
      timestamp: now + 2,
      state: 'RINGING',
      call: { id: 'call-1', connectionId: 'sip-c' },
    });
    await h.settle();
    expect((await h.store.listSipLegs(m.id))[0]).toMatchObject({ state: 'HANGUP', endedAt: now + 3 });
  });
});

describe('one unit of work per callback', () => {
  it('claims with its result, applies and bumps each callback in one commit; a repeat is one commit that changes nothing', async () => {
    const m = await h.meeting();
    const units: StoreWrite[][] = [];
    const otherWrites: string[] = [];
    const writers = /^(create|update|touch|upsert|set|audit|claim|record|finish)/;
    // The real store, watched: every write must arrive as one commit per callback.
    const store = new Proxy(h.store, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        if (prop === 'commit')
          return (writes: StoreWrite[], opts?: unknown) => (
            units.push(writes),
            target.commit(writes, opts as never)
          );
        if (typeof prop === 'string' && writers.test(prop)) otherWrites.push(prop);
        return (v as (...a: unknown[]) => unknown).bind(target);
      },
    }) as Store;
    const ingestor = new CallbackIngestor({
      store,
      cards: h.cards,
      log: silentLogger,
      auth: { pathToken: 'x'.repeat(32) },
    });
    const t = Date.now();
    const callbacks = Array.from({ length: 20 }, (_, i) => {
      const parsed = parseCallback(
        connEvent(m.sessionId, 'connectionCreated', `c-unit-${i}`, t + i, `P${i}`),
      );
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.callback;
    });
    const before = (await h.store.getMeeting(m.id))!.version;
    expect(await Promise.all(callbacks.map((cb) => ingestor.accept(cb)))).toEqual(
      callbacks.map(() => 'queued'),
    );
    expect(otherWrites).toEqual([]);
    expect(units).toHaveLength(20);
    for (const unit of units) {
      // A connection with the bot's identity is also attendance (the recordings library).
      expect(unit.map((w) => w.kind)).toEqual(['claimKey', 'connection', 'attend', 'touchMeeting']);
      // The claim carries the key's result: one statement, committed with the work.
      expect(unit[0]).toMatchObject({ scope: 'callback', required: true, result: 'applied' });
      expect(unit[3]).toMatchObject({ id: m.id, ifChanged: true });
    }
    // Answered means durable: every participant and every version bump is there already.
    expect(await h.store.listConnections(m.id)).toHaveLength(20);
    expect((await h.store.getMeeting(m.id))!.version).toBe(before + 20);
    expect(await ingestor.accept(callbacks[3]!)).toBe('duplicate');
    expect(units).toHaveLength(21);
    expect((await h.store.getMeeting(m.id))!.version).toBe(before + 20);
  });
});
