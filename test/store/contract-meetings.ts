// Contract: meetings, versions and the one-active-meeting-per-channel rule.

import { describe, expect, it } from 'vitest';
import { StoreConflictError } from '../../src/store/index.js';
import type { Harness } from './harness.js';
import { T0, meeting } from './fixtures.js';

export function meetingContract(h: Harness): void {
  describe('meetings', () => {
    it('creates a meeting at version 1 and finds it by id, session and channel', async () => {
      const s = h.store();
      const m = meeting({ options: { relayed: true, autoRecord: true, e2ee: false, location: '10.0.0.1' } });
      const created = await s.createMeeting(m);
      expect(created).toEqual({ ...m, version: 1 });
      expect(await s.getMeeting('m1')).toEqual(created);
      expect(await s.getMeetingBySession('session-m1')).toEqual(created);
      expect(await s.getActiveMeetingInChannel('slack', 'T1', 'C-m1')).toEqual(created);
      expect(await s.getMeeting('nope')).toBeNull();
      expect(await s.getMeetingBySession('nope')).toBeNull();
      expect(await s.getActiveMeetingInChannel('discord', 'T1', 'C-m1')).toBeNull();
    });

    it('refuses a second active meeting in one channel with a typed conflict', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1', channelId: 'C' }));
      const err = await s.createMeeting(meeting({ id: 'm2', channelId: 'C' })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreConflictError);
      expect(err).toMatchObject({ code: 'conflict', rule: 'active-meeting-in-channel' });
      // Same channel ID on another platform or team is another channel.
      await s.createMeeting(meeting({ id: 'm3', channelId: 'C', platform: 'discord' }));
      await s.createMeeting(meeting({ id: 'm4', channelId: 'C', teamId: 'T2' }));
      expect((await s.getActiveMeetingInChannel('slack', 'T1', 'C'))?.id).toBe('m1');
    });

    it('allows a new meeting once the active one has ended, and refuses to reactivate the old one', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1', channelId: 'C' }));
      await s.updateMeeting('m1', { status: 'ended', endedAt: T0 + 60_000 });
      await s.createMeeting(meeting({ id: 'm2', channelId: 'C' }));
      expect((await s.getActiveMeetingInChannel('slack', 'T1', 'C'))?.id).toBe('m2');
      await expect(s.updateMeeting('m1', { status: 'active' })).rejects.toMatchObject({ code: 'conflict' });
      expect((await s.getMeeting('m1'))?.status).toBe('ended');
    });

    it('refuses a duplicate meeting ID or session ID', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1' }));
      await expect(s.createMeeting(meeting({ id: 'm1', channelId: 'other' }))).rejects.toMatchObject({
        code: 'conflict',
        rule: 'duplicate-id',
      });
      await expect(s.createMeeting(meeting({ id: 'm2', sessionId: 'session-m1' }))).rejects.toBeInstanceOf(
        StoreConflictError,
      );
    });

    it('lets exactly one of two racing replicas start a meeting in a channel', async () => {
      const a = h.store();
      const b = await h.open();
      for (let round = 0; round < 5; round++) {
        const channelId = `race-${round}`;
        const results = await Promise.allSettled([
          a.createMeeting(meeting({ id: `a${round}`, channelId })),
          b.createMeeting(meeting({ id: `b${round}`, channelId })),
          a.createMeeting(meeting({ id: `c${round}`, channelId })),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(2);
        for (const r of lost) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflictError);
        const active = await b.getActiveMeetingInChannel('slack', 'T1', channelId);
        expect(active?.id).toBe((won[0] as PromiseFulfilledResult<{ id: string }>).value.id);
      }
    });

    it('applies partial updates and bumps the version each time', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      const layout = { type: 'custom', stylesheet: 'stream.focus { width: 100%; }', screenshareType: 'pip' };
      const a = await s.updateMeeting('m1', { muteAll: true, layout });
      expect(a).toMatchObject({ muteAll: true, layout, title: 'Standup', version: 2 });
      const b = await s.updateMeeting('m1', { title: 'Retro', layout: null });
      expect(b).toMatchObject({ title: 'Retro', layout: null, muteAll: true, version: 3 });
      const c = await s.updateMeeting('m1', {});
      expect(c?.version).toBe(4);
      expect(await s.getMeeting('m1')).toEqual(c);
      expect(await s.updateMeeting('nope', { title: 'x' })).toBeNull();
    });

    it('touchMeeting bumps the version without losing concurrent bumps', async () => {
      const s = h.store();
      const other = await h.open();
      await s.createMeeting(meeting());
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? s : other).touchMeeting('m1')));
      expect((await s.getMeeting('m1'))?.version).toBe(21);
      await s.touchMeeting('nope');
    });

    it('lists only active meetings, oldest first', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'late', createdAt: T0 + 2 }));
      await s.createMeeting(meeting({ id: 'early', createdAt: T0 + 1 }));
      await s.createMeeting(meeting({ id: 'gone', createdAt: T0 }));
      await s.updateMeeting('gone', { status: 'ended', endedAt: T0 + 5 });
      expect((await s.listActiveMeetings()).map((m) => m.id)).toEqual(['early', 'late']);
    });
  });
}
