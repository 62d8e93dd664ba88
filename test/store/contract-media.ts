// Contract: recordings, broadcasts, renders, SIP legs and audio streams.

import { describe, expect, it } from 'vitest';
import type { BroadcastRecord } from '../../src/store/types.js';
import type { Harness } from './harness.js';
import { T0, meeting, recording } from './fixtures.js';

export function mediaContract(h: Harness): void {
  describe('media', () => {
    it('never moves a recording back from available to started', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      expect(await s.upsertRecording(recording({ status: 'started', seq: T0 + 1 }))).toBe(true);
      const available = recording({
        status: 'available',
        duration: 62,
        size: 5_000_000_000,
        startedBy: null,
        seq: T0 + 3,
      });
      expect(await s.upsertRecording(available)).toBe(true);
      expect(await s.upsertRecording(recording({ status: 'stopped', seq: T0 + 2 }))).toBe(false);
      // startedBy was known only to the command that started it; the callback's null keeps it.
      expect(await s.getRecording('a1')).toEqual({ ...available, startedBy: 'U1' });
      expect(await s.listRecordings('m1')).toEqual([{ ...available, startedBy: 'U1' }]);
      expect(await s.getRecording('nope')).toBeNull();
    });

    it('announces an available recording once, even when replicas race, and upserts keep the claim', async () => {
      const s = h.store();
      const other = await h.open();
      await s.createMeeting(meeting());
      await s.upsertRecording(recording({ status: 'available' }));
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? s : other).claimRecordingAnnouncement('a1', T0 + i)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const announcedAt = (await s.getRecording('a1'))?.announcedAt;
      expect(announcedAt).toBe(T0 + claims.indexOf(true));
      await s.upsertRecording(recording({ status: 'available', announcedAt: null, seq: T0 + 9 }));
      expect((await s.getRecording('a1'))?.announcedAt).toBe(announcedAt);
      expect(await s.claimRecordingAnnouncement('a1', T0 + 99)).toBe(false);
      expect(await s.claimRecordingAnnouncement('unknown', T0)).toBe(false);
    });

    it('stores broadcasts with their RTMP targets and keeps them ordered by seq', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      const b: BroadcastRecord = {
        id: 'b1',
        meetingId: 'm1',
        status: 'started',
        hlsUrl: 'https://cdn.example/b1.m3u8',
        rtmp: [
          { id: 'yt', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', status: 'live' },
          { id: 'x', serverUrl: 'rtmps://x', status: null },
        ],
        createdAt: T0,
        startedBy: 'U1',
        seq: T0 + 5,
      };
      expect(await s.upsertBroadcast(b)).toBe(true);
      expect(await s.upsertBroadcast({ ...b, status: 'paused', rtmp: [], seq: T0 + 4 })).toBe(false);
      const stopped = { ...b, status: 'stopped', hlsUrl: null, startedBy: null, seq: T0 + 6 };
      expect(await s.upsertBroadcast(stopped)).toBe(true);
      expect(await s.getBroadcast('b1')).toEqual({ ...stopped, startedBy: 'U1' });
      expect(await s.listBroadcasts('m1')).toHaveLength(1);
      expect(await s.getBroadcast('nope')).toBeNull();
    });

    it('stores renders, SIP legs and audio streams with the same seq guard', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      const render = {
        id: 'r1',
        meetingId: 'm1',
        status: 'started',
        url: 'https://example.com/page',
        streamId: null,
        createdAt: T0,
        seq: T0 + 2,
      };
      expect(await s.upsertRender(render)).toBe(true);
      expect(await s.upsertRender({ ...render, status: 'starting', seq: T0 + 1 })).toBe(false);
      expect(await s.upsertRender({ ...render, streamId: 'st9', seq: T0 + 3 })).toBe(true);
      expect(await s.listRenders('m1')).toEqual([{ ...render, streamId: 'st9', seq: T0 + 3 }]);

      const sip = {
        id: 'sip1',
        meetingId: 'm1',
        connectionId: 'cx',
        streamId: 'sx',
        uri: 'sip:+15551234@sip.example.com',
        state: 'answered',
        createdAt: T0,
        endedAt: null,
        seq: T0 + 2,
      };
      expect(await s.upsertSipLeg(sip)).toBe(true);
      expect(await s.upsertSipLeg({ ...sip, state: 'ringing', seq: T0 + 1 })).toBe(false);
      expect(await s.listSipLegs('m1')).toEqual([sip]);

      const audio = {
        id: 'au1',
        meetingId: 'm1',
        connectionId: 'cy',
        uri: 'wss://example.com/audio',
        status: 'active' as const,
        createdAt: T0,
        seq: T0 + 1,
      };
      expect(await s.upsertAudioStream(audio)).toBe(true);
      expect(await s.upsertAudioStream({ ...audio, status: 'stopped', seq: T0 + 2 })).toBe(true);
      expect(await s.upsertAudioStream({ ...audio, seq: T0 })).toBe(false);
      expect(await s.listAudioStreams('m1')).toEqual([{ ...audio, status: 'stopped', seq: T0 + 2 }]);
      expect(await s.listAudioStreams('other')).toEqual([]);
    });

    it('never stores a password that came inside a SIP or WebSocket URI', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      const base = {
        meetingId: 'm1',
        connectionId: 'c',
        streamId: null,
        state: 'started',
        createdAt: T0,
        endedAt: null,
        seq: T0,
      };
      await s.upsertSipLeg({ ...base, id: 'p1', uri: 'sip:alice:s3cret@pbx.example.com;transport=tls' });
      await s.upsertSipLeg({ ...base, id: 'p2', uri: 'sips:+15551234@pbx.example.com:5061' });
      await s.upsertAudioStream({
        id: 'w1',
        meetingId: 'm1',
        connectionId: 'c',
        uri: 'wss://bot:s3cret@ws.example.com/a?x=1',
        status: 'active',
        createdAt: T0,
        seq: T0,
      });
      expect((await s.listSipLegs('m1')).map((l) => l.uri)).toEqual([
        'sip:alice@pbx.example.com;transport=tls',
        'sips:+15551234@pbx.example.com:5061',
      ]);
      expect((await s.listAudioStreams('m1'))[0]?.uri).toBe('wss://ws.example.com/a?x=1');
    });

    it('lists media per meeting in creation order', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1' }));
      await s.createMeeting(meeting({ id: 'm2' }));
      await s.upsertRecording(recording({ id: 'late', createdAt: T0 + 2 }));
      await s.upsertRecording(recording({ id: 'early', createdAt: T0 + 1 }));
      await s.upsertRecording(recording({ id: 'elsewhere', meetingId: 'm2' }));
      expect((await s.listRecordings('m1')).map((r) => r.id)).toEqual(['early', 'late']);
    });
  });
}
