// Contract: idempotency keys and leases, the two things replicas coordinate through.

import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { T0 } from './fixtures.js';

export function coordinationContract(h: Harness): void {
  describe('idempotency keys', () => {
    it('gives a key to exactly one of 50 parallel claimers across two handles', async () => {
      const a = h.store();
      const b = await h.open();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).claimKey('cmd', 'k1', 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.claimKey('cmd', 'k1', 60_000)).toBe(false);
      expect(await a.claimKey('callback', 'k1', 60_000)).toBe(true);
    });

    it('lets an expired key be claimed again, by one claimer, with its old result cleared', async () => {
      const a = h.store();
      const b = await h.open();
      expect(await a.claimKey('cmd', 'k', 100, T0)).toBe(true);
      await a.setKeyResult('cmd', 'k', 'done');
      expect(await b.claimKey('cmd', 'k', 100, T0 + 99)).toBe(false);
      expect(await b.getKeyResult('cmd', 'k')).toBe('done');
      const again = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimKey('cmd', 'k', 100, T0 + 100)),
      );
      expect(again.filter(Boolean)).toHaveLength(1);
      expect(await a.getKeyResult('cmd', 'k')).toBeNull();
      expect(await a.claimKey('cmd', 'k', 100, T0 + 150)).toBe(false);
    });

    it('stores and returns the result of claimed work', async () => {
      const s = h.store();
      expect(await s.getKeyResult('cmd', 'missing')).toBeNull();
      await s.setKeyResult('cmd', 'unclaimed', 'x');
      expect(await s.getKeyResult('cmd', 'unclaimed')).toBeNull();
      await s.claimKey('cmd', 'k', 60_000);
      expect(await s.getKeyResult('cmd', 'k')).toBeNull();
      const reply = JSON.stringify({ text: 'Recording started ✓', blocks: [1, 2] });
      await s.setKeyResult('cmd', 'k', reply);
      expect(await s.getKeyResult('cmd', 'k')).toBe(reply);
    });

    it('purges expired keys only and says how many', async () => {
      const s = h.store();
      await s.claimKey('cb', 'old1', 10, T0);
      await s.claimKey('cb', 'old2', 20, T0);
      await s.claimKey('cb', 'fresh', 1000, T0);
      expect(await s.purgeExpiredKeys(T0 + 20)).toBe(2);
      expect(await s.purgeExpiredKeys(T0 + 20)).toBe(0);
      expect(await s.claimKey('cb', 'fresh', 1000, T0 + 20)).toBe(false);
      expect(await s.claimKey('cb', 'old1', 1000, T0 + 20)).toBe(true);
    });
  });

  describe('leases', () => {
    it('is held by one holder until it expires, then taken over', async () => {
      const a = h.store();
      const b = await h.open();
      expect(await a.acquireLease('cards', 'r1', 1000, T0)).toBe(true);
      expect(await b.acquireLease('cards', 'r2', 1000, T0 + 500)).toBe(false);
      expect(await a.acquireLease('cards', 'r1', 1000, T0 + 900)).toBe(true); // renewed to T0+1900
      expect(await b.acquireLease('cards', 'r2', 1000, T0 + 1500)).toBe(false);
      expect(await b.acquireLease('cards', 'r2', 1000, T0 + 1900)).toBe(true); // r1 died: expired
      expect(await a.acquireLease('cards', 'r1', 1000, T0 + 2000)).toBe(false);
      expect(await a.acquireLease('reconcile', 'r1', 1000, T0 + 2000)).toBe(true);
    });

    it('is released only by its holder', async () => {
      const s = h.store();
      expect(await s.acquireLease('gateway', 'r1', 60_000, T0)).toBe(true);
      await s.releaseLease('gateway', 'r2');
      expect(await s.acquireLease('gateway', 'r2', 60_000, T0 + 1)).toBe(false);
      await s.releaseLease('gateway', 'r1');
      expect(await s.acquireLease('gateway', 'r2', 60_000, T0 + 2)).toBe(true);
    });

    it('goes to exactly one of many replicas racing for it', async () => {
      const a = h.store();
      const b = await h.open();
      const got = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).acquireLease('reconcile', `r${i}`, 10_000, T0)),
      );
      expect(got.filter(Boolean)).toHaveLength(1);
      const again = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? a : b).acquireLease('reconcile', `q${i}`, 10_000, T0 + 10_000),
        ),
      );
      expect(again.filter(Boolean)).toHaveLength(1);
    });
  });
}
