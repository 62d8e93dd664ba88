// Contract: meeting cards, dirty listing and render bookkeeping.

import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { T0, card, meeting } from './fixtures.js';

export function cardContract(h: Harness): void {
  describe('cards', () => {
    it('adds cards idempotently and lists them per meeting', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      const slack = card();
      const discord = card({
        platform: 'discord',
        teamId: 'G1',
        channelId: 'D1',
        messageId: '99',
        renderedAt: T0 + 1,
      });
      await s.addCard(slack);
      await s.addCard(discord);
      await s.addCard({ ...slack, renderedVersion: 0 });
      expect(await s.listCards('m1')).toEqual([slack, discord]);
      expect(await s.listCards('other')).toEqual([]);
    });

    it('lists a card as dirty once its meeting changes and its notBefore has passed', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.addCard(card({ notBefore: T0 + 1000 }));
      expect(await s.listDirtyCards(T0 + 5000, 10)).toEqual([]);
      await s.touchMeeting('m1');
      expect(await s.listDirtyCards(T0 + 999, 10)).toEqual([]);
      expect(await s.listDirtyCards(T0 + 1000, 10)).toEqual([
        { ...card({ notBefore: T0 + 1000 }), version: 2 },
      ]);
      await s.markCardRendered(card(), 2, T0 + 1000, T0 + 2000);
      expect(await s.listDirtyCards(T0 + 5000, 10)).toEqual([]);
      await s.updateMeeting('m1', { muteAll: true });
      expect(await s.listDirtyCards(T0 + 1999, 10)).toEqual([]);
      expect((await s.listDirtyCards(T0 + 2000, 10)).map((c) => c.version)).toEqual([3]);
    });

    it('writes a dirty card once per render, and a render behind the meeting leaves it dirty', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.addCard(card());
      await s.touchMeeting('m1');
      await s.touchMeeting('m1');
      // The version that made it dirty; later changes do not write the card again.
      expect((await s.listDirtyCards(T0 + 5000, 10)).map((c) => c.version)).toEqual([2]);
      // Rendered at 2 while the meeting is at 3: still dirty, at the meeting's version.
      await s.markCardRendered(card(), 2, T0, T0);
      expect((await s.listDirtyCards(T0 + 5000, 10)).map((c) => c.version)).toEqual([3]);
      await s.markCardRendered(card(), 3, T0, T0);
      expect(await s.listDirtyCards(T0 + 5000, 10)).toEqual([]);
      await s.touchMeeting('m1');
      expect((await s.listDirtyCards(T0 + 5000, 10)).map((c) => c.version)).toEqual([4]);
    });

    it('never loses a change that lands while a card is marked rendered', async () => {
      const s = h.store();
      const other = await h.open();
      const ids = Array.from({ length: 30 }, (_, i) => `mark${i}`);
      for (const id of ids) {
        await s.createMeeting(meeting({ id }));
        await s.addCard(card({ meetingId: id, renderedVersion: 1 }));
        await s.touchMeeting(id);
      }
      // Each card rendered at version 2 while its meeting moves to 3 from another connection.
      await Promise.all(
        ids.flatMap((id) => [s.markCardRendered(card({ meetingId: id }), 2, T0, T0), other.touchMeeting(id)]),
      );
      const dirty = new Set((await s.listDirtyCards(T0 + 1, 100)).map((c) => c.meetingId));
      for (const id of ids) {
        const rendered = (await s.listCards(id))[0]!.renderedVersion;
        const version = (await s.getMeeting(id))!.version;
        expect({ id, stale: rendered < version && !dirty.has(id) }).toEqual({ id, stale: false });
      }
    });

    it('returns the most overdue dirty cards first, up to the limit', async () => {
      const s = h.store();
      for (const id of ['m1', 'm2', 'm3', 'm4']) {
        await s.createMeeting(meeting({ id }));
        await s.addCard(
          card({ meetingId: id, notBefore: T0 + Number(id.slice(1)) * (id === 'm1' ? 10 : 1) }),
        );
        await s.touchMeeting(id);
      }
      await s.addCard(card({ meetingId: 'm4', messageId: 'clean', renderedVersion: 2 }));
      const dirty = await s.listDirtyCards(T0 + 100, 3);
      expect(dirty.map((c) => c.meetingId)).toEqual(['m2', 'm3', 'm4']);
      expect((await s.listDirtyCards(T0 + 100, 10)).map((c) => c.meetingId)).toEqual([
        'm2',
        'm3',
        'm4',
        'm1',
      ]);
    });

    it('never misses a card that is added while its meeting changes', async () => {
      const s = h.store();
      const other = await h.open();
      const ids = Array.from({ length: 30 }, (_, i) => `race${i}`);
      for (const id of ids) await s.createMeeting(meeting({ id }));
      await Promise.all(
        ids.flatMap((id) => [other.addCard(card({ meetingId: id, renderedVersion: 1 })), s.touchMeeting(id)]),
      );
      const dirty = await s.listDirtyCards(T0 + 1, 100);
      expect(dirty.map((c) => [c.meetingId, c.version]).sort()).toEqual(ids.map((id) => [id, 2]).sort());
    });

    it('never moves renderedVersion back when a slower writer finishes an older render', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.addCard(card());
      await s.markCardRendered(card(), 5, T0 + 50, T0 + 1050);
      await s.markCardRendered(card(), 3, T0 + 60, T0 + 1060);
      expect((await s.listCards('m1'))[0]).toMatchObject({
        renderedVersion: 5,
        renderedAt: T0 + 50,
        notBefore: T0 + 1050,
      });
      await s.markCardRendered(card(), 5, T0 + 70, T0 + 1070);
      expect((await s.listCards('m1'))[0]).toMatchObject({ renderedVersion: 5, renderedAt: T0 + 70 });
    });

    it('defers a card without ever shortening a longer wait', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.addCard(card());
      await s.touchMeeting('m1');
      await s.deferCard(card(), T0 + 30_000);
      await s.deferCard(card(), T0 + 1_000);
      expect((await s.listCards('m1'))[0]?.notBefore).toBe(T0 + 30_000);
      expect(await s.listDirtyCards(T0 + 29_999, 10)).toEqual([]);
      expect(await s.listDirtyCards(T0 + 30_000, 10)).toHaveLength(1);
    });
  });
}
