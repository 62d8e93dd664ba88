// Contract: channel rooms. One room per channel (and per session), its link reference, meetings
// that share the room's session one after another, and the idle end: set and cleared by presence,
// due, claimed once across replicas (a stale claim is taken over), finished only if unchanged.

import { describe, expect, it } from 'vitest';
import type { RoomRecord } from '../../src/store/types.js';
import type { Harness } from './harness.js';
import { T0, meeting } from './fixtures.js';

const MIN = 60_000;

function room(over: Partial<RoomRecord> = {}): Omit<RoomRecord, 'linkRef' | 'idleEndAt'> {
  const {
    linkRef: _l,
    idleEndAt: _i,
    ...rest
  } = {
    id: 'r1',
    platform: 'slack' as const,
    teamId: 'T1',
    channelId: 'C1',
    sessionId: 'room-session-1',
    title: 'Standup room',
    layout: 'bestFit',
    autoRecord: true,
    e2ee: false,
    captionsLanguage: 'en-US',
    createdBy: 'U1',
    createdByName: 'Ada',
    createdAt: T0,
    linkRef: null,
    idleEndAt: null,
    ...over,
  };
  return rest;
}

export function roomContract(h: Harness): void {
  describe('rooms', () => {
    it('stores one room per channel and reads it by ID, channel and session', async () => {
      const st = h.store();
      expect(await st.commit([{ kind: 'createRoom', room: room() }])).toEqual([true]);
      const stored = { ...room(), linkRef: null, idleEndAt: null };
      expect(await st.getRoom('r1')).toEqual(stored);
      expect(await st.getRoomInChannel('slack', 'T1', 'C1')).toEqual(stored);
      expect(await st.getRoomBySession('room-session-1')).toEqual(stored);
      expect(await st.getRoomInChannel('slack', 'T1', 'C2')).toBeNull();
      // A second room in the channel (a racing /video room) is not applied, and nothing breaks.
      expect(
        await st.commit([{ kind: 'createRoom', room: room({ id: 'r2', sessionId: 'room-session-2' }) }]),
      ).toEqual([false]);
      expect(await st.getRoom('r2')).toBeNull();
    });

    it('remembers where the link is pinned and forgets the room on delete', async () => {
      const st = h.store();
      await st.commit([{ kind: 'createRoom', room: room() }]);
      expect(await st.commit([{ kind: 'roomLink', id: 'r1', linkRef: 'Bk123' }])).toEqual([true]);
      expect((await st.getRoom('r1'))?.linkRef).toBe('Bk123');
      expect(await st.commit([{ kind: 'deleteRoom', id: 'r1' }])).toEqual([true]);
      expect(await st.getRoom('r1')).toBeNull();
      expect(await st.commit([{ kind: 'deleteRoom', id: 'r1' }])).toEqual([false]);
      // The channel can have a new room afterwards.
      expect(await st.commit([{ kind: 'createRoom', room: room({ id: 'r3' }) }])).toEqual([true]);
    });

    it('lets meetings share a session one after another, never two at once', async () => {
      const st = h.store();
      await st.createMeeting(meeting({ id: 'm1', sessionId: 'room-session-1', channelId: 'C1' }));
      await expect(
        st.createMeeting(meeting({ id: 'm2', sessionId: 'room-session-1', channelId: 'C9' })),
      ).rejects.toMatchObject({ code: 'conflict' });
      await st.updateMeeting('m1', { status: 'ended', endedAt: T0 + MIN });
      await st.createMeeting(
        meeting({ id: 'm2', sessionId: 'room-session-1', channelId: 'C1', createdAt: T0 + 2 * MIN }),
      );
      expect((await st.getMeetingBySession('room-session-1'))?.id).toBe('m2');
      await st.updateMeeting('m2', { status: 'ended', endedAt: T0 + 3 * MIN });
      // All ended: the latest one (a late callback belongs to the most recent meeting).
      expect((await st.getMeetingBySession('room-session-1'))?.id).toBe('m2');
    });

    it('sets and clears the idle end, and finishes only the end that fired', async () => {
      const st = h.store();
      await st.commit([{ kind: 'createRoom', room: room() }]);
      expect(await st.nextRoomIdleAt(2 * MIN)).toBeNull();
      expect(await st.commit([{ kind: 'roomIdle', id: 'r1', endAt: T0 + 5 * MIN }])).toEqual([true]);
      expect(await st.commit([{ kind: 'roomIdle', id: 'r1', endAt: T0 + 5 * MIN }])).toEqual([false]);
      expect(await st.nextRoomIdleAt(2 * MIN)).toBe(T0 + 5 * MIN);
      expect(await st.dueRoomIdles(T0 + 4 * MIN, T0, 10)).toEqual([]);
      expect((await st.dueRoomIdles(T0 + 5 * MIN, T0, 10)).map((r) => r.id)).toEqual(['r1']);
      // Someone came back: cleared.
      expect(await st.commit([{ kind: 'roomIdle', id: 'r1', endAt: null }])).toEqual([true]);
      expect(await st.commit([{ kind: 'roomIdle', id: 'r1', endAt: null }])).toEqual([false]);
      expect(await st.dueRoomIdles(T0 + 60 * MIN, T0, 10)).toEqual([]);
      // A finish for an end that was replaced by a newer one leaves the newer one.
      await st.commit([{ kind: 'roomIdle', id: 'r1', endAt: T0 + 9 * MIN }]);
      expect(await st.commit([{ kind: 'finishRoomIdle', id: 'r1', endAt: T0 + 5 * MIN }])).toEqual([false]);
      expect((await st.getRoom('r1'))?.idleEndAt).toBe(T0 + 9 * MIN);
      expect(await st.commit([{ kind: 'finishRoomIdle', id: 'r1', endAt: T0 + 9 * MIN }])).toEqual([true]);
      expect((await st.getRoom('r1'))?.idleEndAt).toBeNull();
    });

    it('lists busy rooms: an active meeting in the room and no idle end', async () => {
      const st = h.store();
      await st.commit([{ kind: 'createRoom', room: room() }]);
      expect(await st.listBusyRooms(10)).toEqual([]);
      await st.createMeeting(meeting({ id: 'm1', sessionId: 'room-session-1', channelId: 'C1' }));
      expect((await st.listBusyRooms(10)).map((r) => r.id)).toEqual(['r1']);
      await st.commit([{ kind: 'roomIdle', id: 'r1', endAt: T0 + 5 * MIN }]);
      expect(await st.listBusyRooms(10)).toEqual([]);
      await st.commit([{ kind: 'roomIdle', id: 'r1', endAt: null }]);
      await st.updateMeeting('m1', { status: 'ended', endedAt: T0 + MIN });
      expect(await st.listBusyRooms(10)).toEqual([]);
    });

    it('claims an idle end for one replica only, and lets a stale claim be taken over', async () => {
      const a = h.store();
      const b = await h.open();
      await a.commit([{ kind: 'createRoom', room: room() }]);
      const end = T0 + 5 * MIN;
      await a.commit([{ kind: 'roomIdle', id: 'r1', endAt: end }]);
      const now = end + 1000;
      const wins = await Promise.all([
        a.claimRoomIdle('r1', end, 'replica-a', now, now - 2 * MIN),
        b.claimRoomIdle('r1', end, 'replica-b', now, now - 2 * MIN),
      ]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      // Held: not due for others, and the next run is when the claim goes stale.
      expect(await b.dueRoomIdles(now, now - 2 * MIN, 10)).toEqual([]);
      expect(await b.nextRoomIdleAt(2 * MIN)).toBe(now + 2 * MIN);
      // A claim for an end that is no longer the room's is refused.
      expect(await b.claimRoomIdle('r1', end + 1, 'replica-b', now, now)).toBe(false);
      // Its holder died: two minutes on, the other replica takes it over.
      const later = now + 2 * MIN;
      expect((await b.dueRoomIdles(later, later - 2 * MIN, 10)).map((r) => r.id)).toEqual(['r1']);
      expect(await b.claimRoomIdle('r1', end, 'replica-b', later, later - 2 * MIN)).toBe(true);
    });
  });
}
