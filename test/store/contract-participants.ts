// Contract: connections and streams; out-of-order and repeated events never move state back.

import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { T0, connection, meeting, recording, shuffled, stream } from './fixtures.js';

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
      // Someone who left with two streams still live is listed once.
      await s.upsertStream(stream({ streamId: 'late2', connectionId: 'kicked', seq: T0 + 201 }));
      const again = (await s.listConnectionsForState('m1')).map((c) => c.connectionId);
      expect(again.filter((id) => id === 'kicked')).toEqual(['kicked']);
    });

    it('reads a meeting snapshot equal to its parts read one by one', async () => {
      const s = h.store();
      expect(await s.getMeetingSnapshot('m1')).toBeNull();
      await s.createMeeting(meeting({ muteAll: true, layout: { type: 'bestFit' } }));
      const empty = await s.getMeetingSnapshot('m1');
      expect(empty).toEqual({
        meeting: await s.getMeeting('m1'),
        connections: [],
        streams: [],
        recordings: [],
        broadcasts: [],
        sipLegs: [],
        renders: [],
        audioStreams: [],
        check: null,
        captions: [],
      });
      await s.upsertConnection(connection({ connectionId: 'ann', joinedAt: T0 + 2, seq: T0 + 2 }));
      await s.upsertConnection(
        connection({
          connectionId: 'bob',
          name: 'Bob',
          userId: null,
          kind: 'sip',
          joinedAt: T0 + 1,
          seq: T0 + 1,
        }),
      );
      await s.upsertConnection(
        connection({ connectionId: 'gone', joinedAt: T0, leftAt: T0 + 5, seq: T0 + 5 }),
      );
      await s.upsertStream(stream({ streamId: 's1', connectionId: 'ann', muted: true, seq: T0 + 3 }));
      await s.upsertStream(
        stream({ streamId: 's2', connectionId: 'gone', videoType: null, createdAt: T0 + 4, seq: T0 + 4 }),
      );
      await s.upsertStream(stream({ streamId: 's3', connectionId: 'bob', destroyedAt: T0 + 6, seq: T0 + 6 }));
      await s.upsertRecording(recording({ id: 'r2', createdAt: T0 + 20 }));
      await s.upsertRecording(recording({ id: 'r1', createdAt: T0 + 10, status: 'stopped' }));
      const rtmp = [{ id: 'yt', serverUrl: 'rtmp://example.test/live', status: 'live' }];
      await s.upsertBroadcast({
        id: 'b1',
        meetingId: 'm1',
        status: 'started',
        hlsUrl: null,
        rtmp,
        createdAt: T0,
        startedBy: 'U1',
        seq: T0,
      });
      await s.upsertRender({
        id: 'x1',
        meetingId: 'm1',
        status: 'started',
        url: 'https://example.test/',
        streamId: null,
        createdAt: T0,
        seq: T0,
      });
      await s.upsertSipLeg({
        id: 'p1',
        meetingId: 'm1',
        connectionId: 'bob',
        streamId: null,
        uri: 'sip:+15550100@example.test',
        state: 'started',
        createdAt: T0,
        endedAt: null,
        seq: T0,
      });
      await s.upsertAudioStream({
        id: 'a1',
        meetingId: 'm1',
        connectionId: 'ws',
        uri: 'wss://example.test/a',
        status: 'active',
        createdAt: T0,
        seq: T0,
      });
      await s.commit([
        { kind: 'meetingCheck', meetingId: 'm1', at: T0 + 30, outcome: 'failed', failure: 'timeout' },
        {
          kind: 'captionRun',
          record: {
            id: 'cap',
            meetingId: 'm1',
            status: 'started',
            language: 'en-US',
            startedBy: 'U1',
            createdAt: T0,
            stoppedAt: null,
            seq: T0,
          },
        },
      ]);
      const snap = await s.getMeetingSnapshot('m1');
      expect(snap).toEqual({
        meeting: await s.getMeeting('m1'),
        connections: await s.listConnectionsForState('m1'),
        streams: await s.listStreams('m1'),
        recordings: await s.listRecordings('m1'),
        broadcasts: await s.listBroadcasts('m1'),
        sipLegs: await s.listSipLegs('m1'),
        renders: await s.listRenders('m1'),
        audioStreams: await s.listAudioStreams('m1'),
        check: await s.getMeetingCheck('m1'),
        captions: await s.listCaptionRuns('m1'),
      });
      // And what those reads hold: the state's people in join order, live media only, oldest first.
      expect(snap?.meeting).toMatchObject({ muteAll: true, layout: { type: 'bestFit' } });
      expect(snap?.connections.map((c) => c.connectionId)).toEqual(['gone', 'bob', 'ann']);
      expect(snap?.streams.map((x) => [x.streamId, x.muted])).toEqual([
        ['s1', true],
        ['s2', false],
      ]);
      expect(snap?.recordings.map((r) => r.id)).toEqual(['r1', 'r2']);
      expect(snap?.broadcasts[0]?.rtmp).toEqual(rtmp);
      expect(snap?.check).toMatchObject({ meetingId: 'm1', failingSince: T0 + 30, failure: 'timeout' });
      expect(snap?.captions?.map((c) => c.id)).toEqual(['cap']);
    });
  });
}
