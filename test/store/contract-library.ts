// Contract: the recordings library (channel listing across meetings, ID prefixes, attendance, a
// person's meetings, the retention sweep's marks).

import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { T0, meeting, recording } from './fixtures.js';

export function libraryContract(h: Harness): void {
  describe('library', () => {
    const place = { platform: 'slack' as const, teamId: 'T1', channelId: 'C1' };

    it("lists a channel's recordings across its meetings, newest first, paged, ended meetings included", async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1', channelId: 'C1', status: 'ended', endedAt: T0 + 500 }));
      await s.createMeeting(meeting({ id: 'm2', channelId: 'C1', createdAt: T0 + 1000 }));
      await s.createMeeting(meeting({ id: 'm3', channelId: 'C2' }));
      await s.upsertRecording(
        recording({ id: 'aaaa0001', meetingId: 'm1', createdAt: T0 + 1, status: 'available' }),
      );
      await s.upsertRecording(
        recording({ id: 'aaaa0002', meetingId: 'm1', createdAt: T0 + 2, status: 'deleted' }),
      );
      await s.upsertRecording(recording({ id: 'bbbb0001', meetingId: 'm2', createdAt: T0 + 1001 }));
      await s.upsertRecording(recording({ id: 'bbbb0002', meetingId: 'm2', createdAt: T0 + 1002 }));
      await s.upsertRecording(recording({ id: 'cccc0001', meetingId: 'm3', createdAt: T0 + 3 }));

      const first = await s.listChannelRecordings({ ...place, offset: 0, limit: 2 });
      expect(first.total).toBe(3);
      expect(first.items.map((i) => i.recording.id)).toEqual(['bbbb0002', 'bbbb0001']);
      expect(first.items[0]!.meeting).toMatchObject({ id: 'm2', title: 'Standup', channelId: 'C1' });
      const second = await s.listChannelRecordings({ ...place, offset: 2, limit: 2 });
      expect(second.items.map((i) => i.recording.id)).toEqual(['aaaa0001']);
      expect(second.items[0]!.meeting.status).toBe('ended');
      const one = await s.listChannelRecordings({ ...place, meetingId: 'm1', offset: 0, limit: 10 });
      expect(one).toMatchObject({ total: 1, items: [{ recording: { id: 'aaaa0001' } }] });
      expect((await s.listChannelRecordings({ ...place, channelId: 'C9', offset: 0, limit: 5 })).total).toBe(
        0,
      );
    });

    it('finds recordings by ID prefix within a workspace', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1' }));
      await s.createMeeting(meeting({ id: 'm2', teamId: 'T2' }));
      await s.upsertRecording(recording({ id: 'abcd1111', meetingId: 'm1' }));
      await s.upsertRecording(recording({ id: 'abcd2222', meetingId: 'm1', createdAt: T0 + 1 }));
      await s.upsertRecording(recording({ id: 'abce3333', meetingId: 'm2' }));
      expect((await s.findRecordings('slack', 'T1', 'ABCD', 10)).map((i) => i.recording.id)).toEqual([
        'abcd2222',
        'abcd1111',
      ]);
      expect((await s.findRecordings('slack', 'T1', 'abcd1', 10)).map((i) => i.recording.id)).toEqual([
        'abcd1111',
      ]);
      expect(await s.findRecordings('slack', 'T1', 'abce', 10)).toEqual([]);
      expect(await s.findRecordings('discord', 'T1', 'abcd', 10)).toEqual([]);
    });

    it('records attendance once per person and lists the meetings a person hosted or attended', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1', hostId: 'U1' }));
      await s.createMeeting(meeting({ id: 'm2', hostId: 'U2', channelId: 'C2', createdAt: T0 + 10 }));
      await s.createMeeting(meeting({ id: 'm3', hostId: 'U3', channelId: 'C3', createdAt: T0 + 20 }));
      const attend = (meetingId: string, userId: string, at: number) =>
        ({ kind: 'attend', meetingId, platform: 'slack', userId, name: userId, at }) as const;
      expect(await s.commit([attend('m2', 'U1', T0 + 11), attend('m2', 'U1', T0 + 12)])).toEqual([
        true,
        false,
      ]);
      expect(await s.hasAttended('m2', 'U1')).toBe(true);
      expect(await s.hasAttended('m3', 'U1')).toBe(false);
      expect((await s.listPersonMeetings('slack', 'T1', 'U1', 10)).map((m) => m.id)).toEqual(['m2', 'm1']);
      expect((await s.listPersonMeetings('slack', 'T1', 'U1', 1)).map((m) => m.id)).toEqual(['m2']);
      expect(await s.listPersonMeetings('slack', 'T1', 'U9', 10)).toEqual([]);
      expect(await s.listPersonMeetings('discord', 'T1', 'U1', 10)).toEqual([]);
    });

    it('lists recordings older than the retention cut-off once, and keeps them listed with their mark', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1', channelId: 'C1' }));
      await s.upsertRecording(recording({ id: 'a1', createdAt: T0, status: 'available', seq: T0 + 5 }));
      await s.upsertRecording(recording({ id: 'a2', createdAt: T0 + 1, status: 'started' }));
      await s.upsertRecording(recording({ id: 'a3', createdAt: T0 + 100, status: 'available' }));
      await s.upsertRecording(recording({ id: 'a4', createdAt: T0 + 2, status: 'deleted' }));
      const due = await s.listExpiredRecordings(T0 + 50, 10);
      expect(due.map((i) => i.recording.id)).toEqual(['a1']);
      expect(due[0]!.meeting.id).toBe('m1');
      const at = T0 + 10;
      expect(await s.commit([{ kind: 'expireRecording', id: 'a1', at, days: 30 }])).toEqual([true]);
      expect(await s.commit([{ kind: 'expireRecording', id: 'a1', at: at + 1, days: 30 }])).toEqual([false]);
      expect(await s.getRecording('a1')).toMatchObject({
        status: 'deleted',
        expiredAt: at,
        retentionDays: 30,
      });
      expect(await s.listExpiredRecordings(T0 + 50, 10)).toEqual([]);
      // A late callback for the archive's old state does not bring it back.
      expect(await s.upsertRecording(recording({ id: 'a1', status: 'available', seq: T0 + 5 }))).toBe(false);
      const page = await s.listChannelRecordings({ ...place, offset: 0, limit: 10 });
      expect(page.items.map((i) => i.recording.id)).toEqual(['a3', 'a2', 'a1']);
      expect(page.items[2]!.recording).toMatchObject({ status: 'deleted', retentionDays: 30 });
    });
  });
}
