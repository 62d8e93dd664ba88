import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createSession, officialSdk, rest, startReceiver, until, type Receiver } from './helpers.js';

// Vonage's connection timeout and what a client hears about its own connection. A client that asked
// for heartbeat tracking (the demo join page) is destroyed when it goes quiet; others never are.

let emu: Emulator;
let receiver: Receiver;
const TIMEOUT_MS = 400;

beforeAll(async () => {
  receiver = await startReceiver();
  emu = await startEmulator({ callbackUrl: receiver.url, timing: { connectionTimeoutMs: TIMEOUT_MS } });
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

async function join(sessionId: string, name: string, heartbeat: boolean) {
  const token = officialSdk(emu).generateToken(sessionId, { data: `name=${name}` });
  const { connectionId } = await emu.connect(sessionId, token, { name, heartbeat });
  const { streamId } = await emu.publish(connectionId, { name });
  return { connectionId, streamId };
}

const events = (sessionId: string, event: string) =>
  receiver.received.filter((r) => r.body.sessionId === sessionId && r.body.event === event);

describe('the connection timeout', () => {
  it('destroys a quiet heartbeat client and its streams with networkDisconnected, never a sim client', async () => {
    const sessionId = await createSession(emu);
    const page = await join(sessionId, 'Page', true);
    const sim = await join(sessionId, 'Sim', false);
    await until(() => events(sessionId, 'connectionDestroyed').length > 0);
    await emu.idle();
    expect(
      events(sessionId, 'streamDestroyed').map((r) => [r.body.reason, (r.body.stream as { id: string }).id]),
    ).toEqual([['networkDisconnected', page.streamId]]);
    expect(events(sessionId, 'connectionDestroyed').map((r) => r.body.reason)).toEqual([
      'networkDisconnected',
    ]);
    expect(emu.snapshot(sessionId).connections.map((c) => c.id)).toEqual([sim.connectionId]);
    // The gone client learns it when it next calls in.
    await expect(emu.heartbeat(page.connectionId)).rejects.toMatchObject({ status: 404 });
    const poll = await emu.events(page.connectionId, { after: 0, waitMs: 0 });
    expect(poll.connected).toBe(false);
    expect(poll.events.at(-1)).toMatchObject({ type: 'disconnected', reason: 'networkDisconnected' });
  });

  it('keeps a client that heartbeats (over HTTP) or polls its events alive well past the timeout', async () => {
    const sessionId = await createSession(emu);
    const beating = await join(sessionId, 'Beat', true);
    const polling = await join(sessionId, 'Poll', true);
    let after = 0;
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${emu.url}/_emulator/connections/${beating.connectionId}/heartbeat`, {
        method: 'POST',
      });
      expect(res.status).toBe(204);
      // Asking for a long wait is clamped below the timeout, so polling alone is a heartbeat.
      const poll = await emu.events(polling.connectionId, { after, waitMs: 10_000 });
      after = poll.events.at(-1)?.seq ?? after;
      await new Promise((r) => setTimeout(r, TIMEOUT_MS / 4));
    }
    expect(emu.snapshot(sessionId).connections).toHaveLength(2);
  });
});

describe('what a heartbeat client hears', () => {
  it('hears force mutes, mute-all, signals, unpublishes by a moderator and its removal, in order', async () => {
    const sessionId = await createSession(emu);
    const me = await join(sessionId, 'Me', true);
    const keepAlive = setInterval(() => void emu.heartbeat(me.connectionId).catch(() => undefined), 30);
    try {
      const P = `{P}/session/${sessionId}`;
      expect((await rest(emu, 'POST', `${P}/stream/${me.streamId}/mute`, {})).status).toBe(200);
      expect((await rest(emu, 'POST', `${P}/mute`, { active: true, excludedStreamIds: [] })).status).toBe(
        200,
      );
      expect((await rest(emu, 'POST', `${P}/signal`, { type: 'chat', data: 'hello all' })).status).toBe(204);
      expect(
        (await rest(emu, 'POST', `${P}/connection/${me.connectionId}/signal`, { type: '', data: 'just you' }))
          .status,
      ).toBe(204);
      const screen = await emu.publish(me.connectionId, { videoType: 'screen', name: 'Me (screen)' });
      await emu.unpublish(screen.streamId, 'forceUnpublished');
      expect((await rest(emu, 'DELETE', `${P}/connection/${me.connectionId}`)).status).toBe(204);
    } finally {
      clearInterval(keepAlive);
    }
    const poll = await emu.events(me.connectionId, { after: 0, waitMs: 0 });
    expect(poll.events.map(({ seq: _s, at: _a, ...e }) => e)).toEqual([
      { type: 'muteForced', streamId: me.streamId, all: false },
      { type: 'muteForced', streamId: me.streamId, all: true },
      { type: 'signal', signalType: 'chat', data: 'hello all' },
      { type: 'signal', signalType: '', data: 'just you' },
      // Published while everyone is muted: it starts muted, and the client is told.
      { type: 'muteForced', streamId: expect.any(String), all: true },
      { type: 'streamDestroyed', streamId: expect.any(String), reason: 'forceUnpublished' },
      { type: 'streamDestroyed', streamId: me.streamId, reason: 'forceDisconnected' },
      { type: 'disconnected', reason: 'forceDisconnected' },
    ]);
    // Event numbers let a poll ask only for what is new; another run's epoch gets everything.
    expect(
      (await emu.events(me.connectionId, { after: 7, epoch: poll.epoch, waitMs: 0 })).events,
    ).toHaveLength(1);
    expect(
      (await emu.events(me.connectionId, { after: 7, epoch: 'old-run', waitMs: 0 })).events,
    ).toHaveLength(8);
  });

  it('answers a long poll as soon as something happens, and over the control API', async () => {
    const sessionId = await createSession(emu);
    const me = await join(sessionId, 'Me', true);
    const pending = fetch(`${emu.url}/_emulator/connections/${me.connectionId}/events?after=0&wait=60000`);
    await rest(emu, 'POST', `{P}/session/${sessionId}/signal`, { type: 'note', data: 'ping' });
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ connected: true, events: [{ type: 'signal', data: 'ping' }] });
    const sim = await join(sessionId, 'Sim', false);
    const none = await fetch(`${emu.url}/_emulator/connections/${sim.connectionId}/events?after=0`);
    expect(none.status).toBe(404);
    const bad = await fetch(`${emu.url}/_emulator/connections/${me.connectionId}/events?after=-1`);
    expect(bad.status).toBe(400);
  });
});
