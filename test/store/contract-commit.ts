// Contract: units of work (Store.commit): atomic units, per-write applied flags, the conditional
// writes the callback path relies on, and savepoint isolation inside a group-committed turn.

import { describe, expect, it } from 'vitest';
import { StoreConflictError } from '../../src/store/index.js';
import type { StoreWrite } from '../../src/store/types.js';
import type { Harness } from './harness.js';
import { T0, auditEntry, connection, meeting, stream } from './fixtures.js';

const pending = (id: string) => ({
  id,
  platform: 'slack' as const,
  kind: 'slash',
  payload: '{}',
  owner: 'r1',
});

export function commitContract(h: Harness): void {
  describe('units of work (commit)', () => {
    it('reports for each write whether it applied', async () => {
      const s = h.store();
      const applied = await s.commit([
        { kind: 'createMeeting', meeting: meeting() },
        { kind: 'connection', record: connection({ seq: T0 + 10 }) },
        { kind: 'connection', record: connection({ seq: T0 + 5, name: 'Older' }) },
        { kind: 'stream', record: stream() },
        { kind: 'streamsMuted', meetingId: 'm1', muted: true },
        { kind: 'streamsMuted', meetingId: 'm1', muted: true, streamIds: ['nope'] },
        { kind: 'updateMeeting', id: 'm1', patch: { title: 'Retro' } },
        { kind: 'updateMeeting', id: 'nope', patch: { title: 'x' } },
        { kind: 'touchMeeting', id: 'm1' },
        { kind: 'touchMeeting', id: 'nope' },
        { kind: 'claimKey', scope: 'cmd', key: 'k', ttlMs: 60_000, at: T0 },
        { kind: 'claimKey', scope: 'cmd', key: 'k', ttlMs: 60_000, at: T0 },
        { kind: 'keyResult', scope: 'cmd', key: 'k', result: 'done' },
        { kind: 'keyResult', scope: 'cmd', key: 'unclaimed', result: 'x' },
        { kind: 'audit', entry: auditEntry() },
        { kind: 'recordPending', command: pending('p1'), at: T0 },
        { kind: 'recordPending', command: pending('p1'), at: T0 },
        { kind: 'finishPending', id: 'p1', at: T0 + 1 },
        { kind: 'finishPending', id: 'p1', at: T0 + 2 },
      ]);
      expect(applied).toEqual([
        true,
        true,
        false,
        true,
        true,
        false,
        true,
        false,
        true,
        false,
        true,
        false,
        true,
        false,
        true,
        true,
        false,
        true,
        false,
      ]);
      expect(await s.getMeeting('m1')).toMatchObject({ title: 'Retro', version: 3 });
      expect((await s.listConnections('m1'))[0]).toMatchObject({ name: 'Ada', seq: T0 + 10 });
      expect((await s.listStreams('m1'))[0]?.muted).toBe(true);
      expect(await s.getKeyResult('cmd', 'k')).toBe('done');
      expect(await s.listAudit('m1')).toHaveLength(1);
      expect(await s.commit([])).toEqual([]);
    });

    it('applies a unit entirely or not at all', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1', channelId: 'C' }));
      const err = await s
        .commit([
          { kind: 'audit', entry: auditEntry() },
          { kind: 'connection', record: connection() },
          { kind: 'createMeeting', meeting: meeting({ id: 'm2', channelId: 'C' }) },
        ])
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreConflictError);
      expect(err).toMatchObject({ code: 'conflict', rule: 'active-meeting-in-channel' });
      expect((err as StoreConflictError).userMessage).toMatch(/already active/);
      expect(await s.listAudit('m1')).toEqual([]);
      expect(await s.listConnections('m1')).toEqual([]);
      expect(await s.getMeeting('m2')).toBeNull();
    });

    it('skips the rest of a unit when a required claim is already held', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      const unit = (name: string): StoreWrite[] => [
        { kind: 'claimKey', scope: 'callback', key: 'e1', ttlMs: 60_000, at: T0, required: true },
        { kind: 'connection', record: connection({ name }) },
        { kind: 'touchMeeting', id: 'm1', ifChanged: true },
        { kind: 'keyResult', scope: 'callback', key: 'e1', result: 'applied' },
      ];
      expect(await s.commit(unit('First'))).toEqual([true, true, true, true]);
      expect(await s.commit(unit('Repeat'))).toEqual([false, false, false, false]);
      expect((await s.listConnections('m1')).map((c) => c.name)).toEqual(['First']);
      expect((await s.getMeeting('m1'))?.version).toBe(2);
    });

    it('bumps the version with ifChanged only when a state write of the unit applied', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.upsertConnection(connection({ seq: T0 + 10 }));
      const stale = await s.commit([
        { kind: 'audit', entry: auditEntry() },
        { kind: 'connection', record: connection({ seq: T0 }) },
        { kind: 'touchMeeting', id: 'm1', ifChanged: true },
      ]);
      expect(stale).toEqual([true, false, false]);
      expect((await s.getMeeting('m1'))?.version).toBe(1);
      const fresh = await s.commit([
        { kind: 'connection', record: connection({ seq: T0 + 20, leftAt: T0 + 20 }) },
        { kind: 'touchMeeting', id: 'm1', ifChanged: true },
      ]);
      expect(fresh).toEqual([true, true]);
      expect((await s.getMeeting('m1'))?.version).toBe(2);
    });

    it('isolates a failing unit of a group: only its caller is rejected and it leaves no trace', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ id: 'm1', channelId: 'C' }));
      // Same turn: one group, one transaction, a savepoint per unit.
      const results = await Promise.allSettled([
        s.commit([{ kind: 'connection', record: connection({ connectionId: 'a' }) }]),
        s.commit([
          { kind: 'connection', record: connection({ connectionId: 'b' }) },
          { kind: 'createMeeting', meeting: meeting({ id: 'm2', channelId: 'C' }) },
        ]),
        s.commit([{ kind: 'connection', record: connection({ connectionId: 'c' }) }]),
        s.createMeeting(meeting({ id: 'm3', channelId: 'C' })),
        s.commit([{ kind: 'claimKey', scope: 'cmd', key: 'k', ttlMs: 1000, at: T0 }]),
        s.commit([{ kind: 'claimKey', scope: 'cmd', key: 'k', ttlMs: 1000, at: T0 }]),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflictError);
      expect((results[3] as PromiseRejectedResult).reason).toMatchObject({
        rule: 'active-meeting-in-channel',
      });
      // The second claim ran after the first inside the same transaction and saw it.
      expect(results.slice(4).map((r) => (r as PromiseFulfilledResult<boolean[]>).value)).toEqual([
        [true],
        [false],
      ]);
      expect((await s.listConnections('m1')).map((c) => c.connectionId)).toEqual(['a', 'c']);
      expect(await s.getMeeting('m2')).toBeNull();
    });

    it('bumps each meeting once per applied bump in a turn, a missing one never', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.createMeeting(meeting({ id: 'm2' }));
      await s.addCard({
        meetingId: 'm2',
        platform: 'slack',
        messageId: 'ts2',
        teamId: 'T1',
        channelId: 'C-m2',
        renderedVersion: 1,
        renderedAt: T0,
        notBefore: T0,
      });
      await s.claimKey('callback', 'seen', 60_000, T0);
      // One turn, so one group: SQLite and Postgres both run its bumps at the group's end.
      const applied = await Promise.all([
        s.commit([
          { kind: 'touchMeeting', id: 'm1' },
          { kind: 'touchMeeting', id: 'm2' },
        ]),
        s.commit([
          { kind: 'touchMeeting', id: 'nope' },
          { kind: 'touchMeeting', id: 'm1' },
        ]),
        s.commit([
          { kind: 'claimKey', scope: 'callback', key: 'seen', ttlMs: 60_000, at: T0, required: true },
          { kind: 'touchMeeting', id: 'm2' },
        ]),
        s.commit([{ kind: 'touchMeeting', id: 'm1', ifChanged: true }]),
      ]);
      expect(applied).toEqual([[true, true], [false, true], [false, false], [false]]);
      expect((await s.getMeeting('m1'))?.version).toBe(3);
      expect((await s.getMeeting('m2'))?.version).toBe(2);
      // The card follows its meeting's version (the trigger ran for the deferred bump too).
      expect((await s.listDirtyCards(T0, 10)).map((c) => [c.messageId, c.version])).toEqual([['ts2', 2]]);
    });

    it('commits many concurrent units from two handles with none lost', async () => {
      const a = h.store();
      const b = await h.open();
      await a.createMeeting(meeting());
      const writes = Array.from({ length: 300 }, (_, i) =>
        (i % 2 ? a : b).commit([
          { kind: 'connection', record: connection({ connectionId: `c${i}`, seq: T0 + i }) },
          { kind: 'touchMeeting', id: 'm1', ifChanged: true },
        ]),
      );
      expect((await Promise.all(writes)).every((r) => r[0] && r[1])).toBe(true);
      expect(await a.listConnections('m1')).toHaveLength(300);
      expect((await b.getMeeting('m1'))?.version).toBe(301);
    });

    it('refuses units after close', async () => {
      const s = await h.open();
      const queued = s.commit([{ kind: 'audit', entry: auditEntry({ meetingId: null }) }]);
      await s.close();
      expect(await queued).toEqual([true]);
      await expect(s.commit([{ kind: 'audit', entry: auditEntry() }])).rejects.toMatchObject({
        code: 'unavailable',
      });
    });
  });
}
