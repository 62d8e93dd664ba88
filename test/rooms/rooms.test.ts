// Channel rooms end to end on the emulator, through the console: making, showing and removing a
// room (moderators only), `/video start` and `/video join` reusing the room's session, the card that
// appears when the first person connects (from the connectionCreated callback, nobody ran start),
// and the meeting ending on its own after the room stayed empty (a fake clock, no waiting).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionData } from '../../src/identity.js';
import { silentLogger } from '../../src/log.js';
import { createRoomIdleLoop } from '../../src/rooms/idle-loop.js';
import type { RoomRecord } from '../../src/store/types.js';
import { FakeScheduler } from '../schedule/fakes.js';
import { startRig, type ShellRig } from '../shell/harness.js';

const MIN = 60_000;

describe('channel rooms (console on the emulator)', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.stop();
  });

  const roomOf = async (channel = 'general'): Promise<RoomRecord> => {
    const r = await rig.app.store.getRoomInChannel('shell', 'local', channel);
    if (!r) throw new Error(`no room in #${channel}`);
    return r;
  };
  /** Connects someone straight to a session, as a person holding a token would (no command run). */
  const connect = async (sessionId: string, name: string) => {
    const data = connectionData({ platform: 'shell', userId: name.toLowerCase(), name });
    const token = rig.app.video.generateToken(sessionId, { role: 'publisher', data });
    return (await rig.app.emulator!.connect(sessionId, token, { name })).connectionId;
  };
  const until = async <T>(what: () => Promise<T | null | undefined | false>): Promise<T> => {
    for (let i = 0; i < 400; i++) {
      const v = await what();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('condition never held');
  };

  it('refuses a non-moderator, makes the room for a moderator, shows it, and pins its link', async () => {
    const calls = rig.callCount();
    const out = await rig.run('as Ann', '/video room Standup room', '/video room off');
    expect(out).toContain("Only a moderator can make this channel's room.");
    expect(out).toContain("Only the meeting's host or a moderator can use `room off`.");
    expect(rig.callCount()).toBe(calls);
    expect(await rig.app.store.getRoomInChannel('shell', 'local', 'general')).toBeNull();

    const made = await rig.run(
      'as Mo --moderator',
      '/video room Standup room --layout pip --captions-language en-US',
    );
    const room = await roomOf();
    expect(room).toMatchObject({
      title: 'Standup room',
      layout: 'pip',
      captionsLanguage: 'en-US',
      autoRecord: false,
      e2ee: false,
      createdByName: 'Mo',
    });
    const url = `http://bot.test/join/room/${room.id}`;
    expect(made).toContain("Mo made this channel's room Standup room.");
    expect(made).toContain(url);
    // The console shows the pin as a message; the room remembers it to unpin later.
    await rig.waitFor(/message posted:\n\s+Pinned\n\s+→ Standup room: http:\/\/bot\.test\/join\/room\//);
    expect(await until(async () => (await roomOf()).linkRef)).toEqual(expect.any(String));

    const shown = await rig.run('as Ann', '/video room');
    expect(shown).toContain("This channel's room is Standup room.");
    expect(shown).toContain(url);
    expect(await rig.run('as Mo --moderator', '/video room --e2ee')).toContain(
      'This channel already has the room Standup room',
    );
    expect(await rig.run('/video room --captions-language english')).toContain(
      'must be a language code such as `en-US`',
    );
  });

  it('start reuses the room session with its settings; a second start after end reuses it again', async () => {
    const room = await roomOf();
    expect(await rig.run('/video start --relayed')).toContain(
      "This channel's room decides how its meetings run",
    );
    await rig.run('/video start Monday standup');
    const first = await rig.meeting();
    expect(first).toMatchObject({
      sessionId: room.sessionId,
      title: 'Monday standup',
      layout: { type: 'pip' },
    });
    await rig.run('/video end');
    await rig.run('/video start');
    const second = await rig.meeting();
    expect(second.id).not.toBe(first.id);
    expect(second.sessionId).toBe(room.sessionId);
    expect(second.title).toBe('Standup room');
    await rig.run('/video end');
  });

  it('posts a card when the first person connects, though nobody ran start, and ends it after idle', async () => {
    const room = await roomOf();
    const mark = rig.transcript().length;
    const zed = await connect(room.sessionId, 'Zed');
    // The connectionCreated callback opened the meeting and posted its card through the outbox.
    await rig.waitFor(/card posted:\n│ Standup room\n/, mark);
    const opened = await rig.meeting();
    expect(opened).toMatchObject({ sessionId: room.sessionId, hostName: 'Zed', status: 'active' });
    // The card is printed just before the store records it.
    await until(async () => (await rig.app.store.listCards(opened.id)).length === 1);
    expect((await roomOf()).idleEndAt).toBeNull();

    // A second person joining does not post a second card.
    const yve = await connect(room.sessionId, 'Yve');
    await until(async () => (await rig.app.store.listConnections(opened.id)).length === 2);
    await rig.app.emulator!.disconnect(yve);
    await until(async () => (await rig.app.store.listConnections(opened.id)).length === 1);
    expect((await roomOf()).idleEndAt).toBeNull();

    const left = Date.now();
    await rig.app.emulator!.disconnect(zed);
    const endAt = await until(async () => (await roomOf()).idleEndAt);
    expect(endAt).toBeGreaterThanOrEqual(left + 5 * MIN);
    expect(endAt).toBeLessThan(Date.now() + 5 * MIN + 1);

    // The idle loop on a fake clock: nothing before the end, the meeting ended at it.
    const clock = new FakeScheduler(Date.now());
    const loop = createRoomIdleLoop({
      store: rig.app.store,
      video: rig.app.video,
      cards: rig.app.cards,
      log: silentLogger,
      owner: 'test-replica',
      scheduler: clock,
    });
    loop.start();
    try {
      await clock.advanceTo(endAt - 1000, [loop]);
      expect((await rig.app.store.getMeeting(opened.id))?.status).toBe('active');
      const before = rig.transcript().length;
      await clock.advanceTo(endAt + 1000, [loop]);
      expect(await rig.app.store.getMeeting(opened.id)).toMatchObject({
        status: 'ended',
        endedAt: endAt,
      });
      expect((await roomOf()).idleEndAt).toBeNull();
      // The recap is queued in the same unit as the end, as /video end does.
      const recaps = await rig.app.store.listDueRecapPosts(Number.MAX_SAFE_INTEGER, 50);
      expect(recaps.map((r) => r.meetingId)).toContain(opened.id);
      await rig.waitFor(/card updated:\n│ Standup room \(ended\)\n│ Host: Zed\n│ Lasted: 5m 00s/, before);
      const audit = await rig.app.store.listAudit(opened.id);
      expect(audit.map((a) => `${a.actorId} ${a.action}`)).toContain('room-idle end');
    } finally {
      loop.stop();
    }
  });

  it('join in an empty room opens its meeting quietly; the card comes with the first connection', async () => {
    const room = await roomOf();
    const mark = rig.transcript().length;
    const out = await rig.run('as Ann', '/video join');
    expect(out).toContain('Your link to join Standup room:');
    expect(out).toMatch(/http:\/\/bot\.test\/join\/[\w-]+\.[\w-]+/);
    const opened = await rig.meeting();
    expect(opened.sessionId).toBe(room.sessionId);
    expect(await rig.app.store.listCards(opened.id)).toEqual([]);
    expect(rig.transcript().slice(mark)).not.toContain('card posted');
    // Unused, it would close once the link expired (10 minutes) plus the idle time.
    expect((await roomOf()).idleEndAt).toBeGreaterThan(Date.now() + 14 * MIN);
    const ann = await connect(room.sessionId, 'Ann');
    await rig.waitFor(/card posted:\n│ Standup room\n/, mark);
    expect((await rig.meeting()).id).toBe(opened.id);
    expect((await roomOf()).idleEndAt).toBeNull();
    await rig.app.emulator!.disconnect(ann);
    await rig.run('as Mo --moderator', '/video end');
  });

  it('room off removes the room and unpins its link; start then makes a session of its own', async () => {
    const room = await roomOf();
    const out = await rig.run('as Ann', '/video room off', 'as Mo --moderator', '/video room off');
    expect(out).toContain("Only the meeting's host or a moderator can use `room off`.");
    expect(out).toContain("Mo removed this channel's room Standup room.");
    await rig.waitFor(new RegExp(`message posted:\\n\\s+Unpinned ${room.linkRef!.replace(/\./g, '\\.')}\\.`));
    expect(await rig.app.store.getRoom(room.id)).toBeNull();
    expect(await rig.run('/video room off')).toContain('This channel has no room; `/video room` makes one.');
    await rig.run('/video start');
    expect((await rig.meeting()).sessionId).not.toBe(room.sessionId);
    await rig.run('/video end');
  });
});
