// Contract: pending commands (acknowledged requests another replica re-runs when their owner dies)
// and marking an idempotency key whose runner died before storing a result as taken over.

import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import type { Harness } from './harness.js';
import { T0 } from './fixtures.js';

const cmd = (id: string, owner = 'r1') => ({
  id,
  platform: 'slack' as const,
  kind: 'slash',
  payload: `{"id":"${id}"}`,
  owner,
});

/** The store's pending-command methods, under short names. */
function p(s: Store) {
  return {
    record: s.recordPendingCommand.bind(s),
    heartbeat: s.heartbeatPendingCommands.bind(s),
    finish: s.finishPendingCommand.bind(s),
    claim: s.claimStalePendingCommands.bind(s),
    purge: s.purgeFinishedCommands.bind(s),
    takeOver: s.takeOverUnfinishedKey.bind(s),
    withAudit: s.setKeyResultWithAudit.bind(s),
  };
}

export function pendingContract(h: Harness): void {
  describe('pending commands', () => {
    it('stores a reply and its audit entry together', async () => {
      const st = h.store();
      await st.claimKey('command', 'k', 60_000, T0);
      const entry = {
        meetingId: 'm-audit',
        platform: 'slack' as const,
        actorId: 'U1',
        actorName: 'Ada',
        action: 'mute',
        target: 'all',
        outcome: 'ok' as const,
        detail: null,
        at: T0,
      };
      await p(st).withAudit('command', 'k', '{"text":"muted"}', entry);
      expect(await st.getKeyResult('command', 'k')).toBe('{"text":"muted"}');
      expect(await st.listAudit('m-audit')).toMatchObject([
        { actorId: 'U1', action: 'mute', outcome: 'ok', at: T0 },
      ]);
    });

    it('records a command once; a repeat delivery is told it is a repeat', async () => {
      const a = p(h.store());
      const b = p(await h.open());
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).record(cmd('slack:T1:x', `r${i}`), T0)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('hands a command whose owner went quiet to exactly one of many recoverers, with its payload', async () => {
      const s = p(h.store());
      const other = p(await h.open());
      await s.record(cmd('slack:T1:a'), T0);
      await s.record(cmd('slack:T1:b'), T0 + 10);
      await s.record(cmd('slack:T1:fresh'), T0 + 20_000);
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? s : other).claim(`rec${i}`, T0 + 15_000, T0 + 30_000, 10),
        ),
      );
      const got = claims.flat();
      expect(got.map((c) => c.id).sort()).toEqual(['slack:T1:a', 'slack:T1:b']);
      const winner = claims.findIndex((c) => c.length > 0);
      expect(got[0]).toMatchObject({
        platform: 'slack',
        kind: 'slash',
        payload: '{"id":"slack:T1:a"}',
        owner: `rec${winner}`,
        status: 'pending',
        createdAt: T0,
        heartbeatAt: T0 + 30_000,
        attempts: 1,
        reply: null,
      });
      // Claimed commands carry a fresh heartbeat, so they are not claimed again right away.
      expect(await s.claim('late', T0 + 15_000, T0 + 31_000, 10)).toEqual([]);
    });

    it('keeps a command with a live owner (heartbeats) and never reclaims a done one', async () => {
      const s = p(h.store());
      await s.record(cmd('slack:T1:live', 'r1'), T0);
      await s.record(cmd('slack:T1:done', 'r1'), T0);
      await s.record(cmd('slack:T1:other', 'r2'), T0);
      expect(await s.heartbeat('r1', T0 + 10_000, 12_000)).toBe(2);
      await s.finish('slack:T1:done', T0 + 11_000);
      // Refreshed 2 s ago: only rows older than half the alive mark's life are rewritten.
      expect(await s.heartbeat('r1', T0 + 12_000, 12_000)).toBe(0);
      const got = await s.claim('r3', T0 + 5_000, T0 + 20_000, 10);
      expect(got.map((c) => c.id)).toEqual(['slack:T1:other']);
      expect(
        await s.claim('r3', T0 + 30_000, T0 + 40_000, 10).then((c) => c.map((x) => x.id).sort()),
      ).toEqual(['slack:T1:live', 'slack:T1:other']);
    });

    it('takes nothing from an owner marked alive, however old its rows; then rewrites only its old rows', async () => {
      const s = p(h.store());
      await s.record(cmd('slack:T1:old', 'r1'), T0);
      await s.record(cmd('slack:T1:young', 'r1'), T0 + 5_000);
      // Alive until T0 + 13 s; rows older than T0 - 5 s would be refreshed: none are.
      expect(await s.heartbeat('r1', T0 + 1_000, 12_000)).toBe(0);
      expect(await s.claim('r2', T0 + 10_000, T0 + 12_999, 10)).toEqual([]);
      // Alive until T0 + 20 s; only the row older than T0 + 2 s gets a fresh heartbeat.
      expect(await s.heartbeat('r1', T0 + 8_000, 12_000)).toBe(1);
      const taken = await s.claim('r2', T0 + 6_000, T0 + 20_000, 10);
      expect(taken.map((c) => c.id)).toEqual(['slack:T1:young']);
    });

    it('rewrites every row it owns while a replica of an earlier version holds a recovery lease', async () => {
      const st = h.store();
      const s = p(st);
      await s.record(cmd('slack:T1:a', 'r1'), T0);
      await s.record(cmd('slack:T1:b', 'r1'), T0 + 500);
      // 'old' holds the recovery lease and writes no alive mark, so it judges rows by their heartbeat.
      expect(await st.acquireLease('slack-pending-recovery', 'old', 9_000, T0)).toBe(true);
      expect(await s.heartbeat('r1', T0 + 1_000, 12_000)).toBe(2);
      // Once the holder says it is alive (it reads alive marks too), young rows are left alone.
      await s.heartbeat('old', T0 + 1_000, 12_000);
      expect(await s.heartbeat('r1', T0 + 2_000, 12_000)).toBe(0);
      // And once its lease has expired, whoever held it.
      await s.heartbeat('r1', T0 + 20_000, 12_000);
      expect(await st.acquireLease('discord-pending-recovery', 'old2', 1_000, T0 + 20_000)).toBe(true);
      expect(await s.heartbeat('r1', T0 + 22_000, 12_000)).toBe(0);
    });

    it('forgets expired alive marks when it purges', async () => {
      const s = p(h.store());
      await s.record(cmd('slack:T1:a', 'r9'), T0);
      expect(await s.heartbeat('r9', T0 + 100, 1_000)).toBe(0); // alive until T0 + 1.1 s
      expect(await s.claim('r2', T0 + 50, T0 + 500, 10)).toEqual([]);
      await s.purge(T0 + 1_000);
      expect(await s.claim('r2', T0 + 50, T0 + 500, 10)).toEqual([]);
      await s.purge(T0 + 2_000);
      expect((await s.claim('r2', T0 + 50, T0 + 500, 10)).map((c) => c.id)).toEqual(['slack:T1:a']);
    });

    it('forgets the payload (it may hold a response_url) once done, and purges old done commands', async () => {
      const s = p(h.store());
      await s.record(cmd('slack:T1:a'), T0);
      await s.record(cmd('slack:T1:b'), T0);
      await s.finish('slack:T1:a', T0 + 100);
      expect(await s.claim('r2', T0 + 1_000_000, T0 + 1_000_000, 10).then((c) => c.map((x) => x.id))).toEqual(
        ['slack:T1:b'],
      );
      await s.finish('slack:T1:b', T0 + 5_000);
      expect(await s.purge(T0 + 1_000)).toBe(1);
      expect(await s.purge(T0 + 10_000)).toBe(1);
      expect(await s.record(cmd('slack:T1:a'), T0 + 20_000)).toBe(true);
    });

    it('marks an idempotency key taken over only while it has no result', async () => {
      const st = h.store();
      const s = p(st);
      await st.claimKey('command', 'k1', 60_000, T0);
      await st.claimKey('command', 'k2', 60_000, T0);
      await st.setKeyResult('command', 'k2', 'reply');
      expect(await s.takeOver('command', 'k1', 'RERUN')).toBe(true);
      expect(await s.takeOver('command', 'k1', 'RERUN')).toBe(false);
      expect(await s.takeOver('command', 'k2', 'RERUN')).toBe(false);
      expect(await s.takeOver('command', 'never-claimed', 'RERUN')).toBe(false);
      expect(await st.getKeyResult('command', 'k1')).toBe('RERUN');
      expect(await st.getKeyResult('command', 'k2')).toBe('reply');
      expect(await st.claimKey('command', 'k1', 60_000, T0 + 1)).toBe(false);
    });
  });
}
