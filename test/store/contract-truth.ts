// Contract: reconciliation verdicts (meeting_checks) and the card outbox (card_posts).

import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { T0, card, meeting } from './fixtures.js';

const post = (over: Partial<{ meetingId: string; notBefore: number }> = {}) => ({
  meetingId: 'm1',
  platform: 'slack' as const,
  teamId: 'T1',
  channelId: 'C-m1',
  createdAt: T0,
  notBefore: T0,
  ...over,
});

export function truthContract(h: Harness): void {
  describe('meeting checks', () => {
    it('keeps the last confirmation, the first failure since it, and whether the API forgot the session', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      expect(await s.getMeetingCheck('m1')).toBeNull();
      const check = (at: number, outcome: 'confirmed' | 'failed' | 'forgotten', failure?: string) =>
        s.commit([{ kind: 'meetingCheck', meetingId: 'm1', at, outcome, ...(failure ? { failure } : {}) }]);
      expect(await check(T0 + 1000, 'confirmed')).toEqual([true]);
      await check(T0 + 2000, 'failed', 'timeout');
      await check(T0 + 3000, 'failed', 'server_error');
      expect(await s.getMeetingCheck('m1')).toEqual({
        meetingId: 'm1',
        confirmedAt: T0 + 1000,
        failingSince: T0 + 2000,
        failure: 'server_error',
        forgottenAt: null,
      });
      // A confirmation clears the failure; a late, older one never moves the confirmation back.
      await check(T0 + 4000, 'confirmed');
      await check(T0 + 3500, 'confirmed');
      await check(T0 + 5000, 'forgotten');
      await check(T0 + 6000, 'forgotten');
      expect(await s.getMeetingCheck('m1')).toEqual({
        meetingId: 'm1',
        confirmedAt: T0 + 4000,
        failingSince: null,
        failure: null,
        forgottenAt: T0 + 5000,
      });
    });

    it('does not count as a change a card shows', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      const applied = await s.commit([
        { kind: 'meetingCheck', meetingId: 'm1', at: T0, outcome: 'confirmed' },
        { kind: 'touchMeeting', id: 'm1', ifChanged: true },
      ]);
      expect(applied).toEqual([true, false]);
      expect((await s.getMeeting('m1'))?.version).toBe(1);
    });
  });

  describe('card outbox', () => {
    it('queues a card once, hands each due attempt to one poster, and ends an attempt with the wait asked for', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      expect(await s.commit([{ kind: 'queueCardPost', post: post() }])).toEqual([true]);
      expect(await s.commit([{ kind: 'queueCardPost', post: post({ notBefore: T0 + 99 }) }])).toEqual([
        false,
      ]);
      expect(await s.listDueCardPosts(T0 - 1, 10)).toEqual([]);
      const [due] = await s.listDueCardPosts(T0, 10);
      expect(due).toEqual({ ...post(), attempts: 0, lastError: null });
      expect(await s.claimCardPost('m1', 'slack', T0, T0 + 15_000)).toBe(true);
      expect(await s.claimCardPost('m1', 'slack', T0 + 1, T0 + 15_001)).toBe(false);
      expect(await s.listDueCardPosts(T0 + 10_000, 10)).toEqual([]);
      await s.deferCardPost('m1', 'slack', T0 + 2_000, 'Slack failed (500).');
      expect(await s.listCardPosts('m1')).toEqual([
        { ...post(), notBefore: T0 + 2_000, attempts: 1, lastError: 'Slack failed (500).' },
      ]);
      expect(await s.claimCardPost('m1', 'slack', T0 + 2_000, T0 + 17_000)).toBe(true);
    });

    it('stores the posted card and takes it out of the outbox in one unit', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.commit([{ kind: 'queueCardPost', post: post() }]);
      const applied = await s.commit([
        { kind: 'addCard', card: card() },
        { kind: 'cardPostDone', meetingId: 'm1', platform: 'slack' },
      ]);
      expect(applied).toEqual([true, true]);
      expect(await s.listCards('m1')).toEqual([card()]);
      expect(await s.listCardPosts('m1')).toEqual([]);
      // The stored card follows its meeting's version like any other.
      await s.touchMeeting('m1');
      expect((await s.listDirtyCards(T0 + 1, 10)).map((c) => c.meetingId)).toEqual(['m1']);
    });
  });
}
