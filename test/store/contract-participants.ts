// Contract: connections and streams; out-of-order and repeated events never move state back.

import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { T0, connection, meeting, shuffled, stream } from './fixtures.js';

export function participantContract(h: Harness): void {
  describe('participants', () => {
    it('applies a connection event only when its seq is not older than the stored one', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      expect(await s.upsertConnection(connection({ seq: T0 + 10 }))).toBe(true);
      const left = connection({ leftAt: T0 + 20, reason: 'clientDisconnected', seq: T0 + 20 });
      expect(await s.upsertConnection(left)).toBe(true);
      // The "created" event arrives late: ignored, the person stays gone.
      expect(await s.upsertConnection(connection({ seq: T0 + 15 }))).toBe(false);
      expect(await s.listConnections('m1', { includeGone: true })).toEqual([left]);
      // A repeat of the newest event is applied again (harmless, same state).
      expect(await s.upsertConnection(left)).toBe(true);
    });

    it('lists live connections by default and gone ones on request, in join order', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      const bob = connection({
        connectionId: 'c2',
        userId: null,
        name: 'Bob',
        joinedAt: T0 + 5,
        kind: 'sip',
      });
      await s.upsertConnection(bob);
      await s.upsertConnection(connection({ connectionId: 'c1', joinedAt: T0 + 1 }));
      await s.upsertConnection(
        connection({ connectionId: 'c3', joinedAt: T0 + 3, leftAt: T0 + 4, seq: T0 + 4 }),
      );
      expect((await s.listConnections('m1')).map((c) => c.connectionId)).toEqual(['c1', 'c2']);
      expect((await s.listConnections('m1', { includeGone: true })).map((c) => c.connectionId)).toEqual([
        'c1',
        'c3',
        'c2',
      ]);
      expect((await s.listConnections('m1')).find((c) => c.connectionId === 'c2')).toEqual(bob);
      expect(await s.listConnections('other')).toEqual([]);
    });

    it('ends at the newest state whatever order a burst of stream events is applied in', async () => {
      const s = h.store();
      const other = await h.open();
      await s.createMeeting(meeting());
      const events = Array.from({ length: 60 }, (_, i) =>
        stream({ seq: T0 + i, muted: i % 2 === 1, name: `v${i}`, destroyedAt: i === 59 ? T0 + 59 : null }),
      );
      await Promise.all(shuffled(events).map((e, i) => (i % 2 ? s : other).upsertStream(e)));
      expect(await s.listStreams('m1', { includeGone: true })).toEqual([events[59]]);
      expect(await s.listStreams('m1')).toEqual([]);
    });

    it('mutes all live streams, or only the named ones', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.createMeeting(meeting({ id: 'm2' }));
      await s.upsertStream(stream({ streamId: 's1' }));
      await s.upsertStream(stream({ streamId: 's2', videoType: 'screen', createdAt: T0 + 1 }));
      await s.upsertStream(stream({ streamId: 's3', createdAt: T0 + 2, destroyedAt: T0 + 3, seq: T0 + 3 }));
      await s.upsertStream(stream({ meetingId: 'm2', streamId: 's1' }));
      await s.setStreamsMuted('m1', true);
      const muted = (ms: string, gone = true) =>
        s.listStreams(ms, { includeGone: gone }).then((l) => l.map((x) => [x.streamId, x.muted]));
      expect(await muted('m1')).toEqual([
        ['s1', true],
        ['s2', true],
        ['s3', false],
      ]);
      expect(await muted('m2')).toEqual([['s1', false]]);
      await s.setStreamsMuted('m1', false, ['s2', 'unknown']);
      expect(await muted('m1')).toEqual([
        ['s1', true],
        ['s2', false],
        ['s3', false],
      ]);
      await s.setStreamsMuted('m1', false, []);
      expect(await muted('m1', false)).toEqual([
        ['s1', true],
        ['s2', false],
      ]);
    });

    it('keeps the same stream ID apart in different meetings', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1' }));
      await s.createMeeting(meeting({ id: 'm2' }));
      await s.upsertStream(stream({ meetingId: 'm1', seq: 100 }));
      expect(await s.upsertStream(stream({ meetingId: 'm2', seq: 1 }))).toBe(true);
      expect((await s.listStreams('m2'))[0]?.seq).toBe(1);
    });

    it('rejects participants of an unknown meeting', async () => {
      await expect(h.store().upsertConnection(connection({ meetingId: 'ghost' }))).rejects.toThrow();
    });

    it('reads for a meeting state the live connections, the gone ones still streaming and one ever seen', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      expect(await s.listConnectionsForState('m1')).toEqual([]);
      const gone = (id: string, at: number) =>
        connection({ connectionId: id, joinedAt: at, leftAt: at + 1, seq: at + 1 });
      for (let i = 0; i < 30; i++) await s.upsertConnection(gone(`old${String(i).padStart(2, '0')}`, T0 + i));
      const history = await s.listConnectionsForState('m1');
      expect(history).toHaveLength(1);
      expect(history[0]?.leftAt).not.toBeNull();
      await s.upsertConnection(connection({ connectionId: 'live', joinedAt: T0 + 100, seq: T0 + 100 }));
      await s.upsertConnection(gone('kicked', T0 + 200));
      await s.upsertStream(stream({ streamId: 'late', connectionId: 'kicked', seq: T0 + 200 }));
      // The one ever seen may be any human connection, here one already listed.
      const ids = (await s.listConnectionsForState('m1')).map((c) => c.connectionId);
      expect(ids.filter((id) => !id.startsWith('old'))).toEqual(['live', 'kicked']);
      expect(ids.filter((id) => id.startsWith('old')).length).toBeLessThanOrEqual(1);
    });
  });
}
