// Contract: migrations, restarts, health checks, the audit log and installations.

import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Harness } from './harness.js';
import { T0, auditEntry, card, connection, meeting, recording, stream } from './fixtures.js';

export function lifecycleContract(h: Harness): void {
  describe('migrations and restarts', () => {
    it('applies each migration once, however often and however concurrently it runs', async () => {
      const s = h.store();
      const versions = await h.target.migrationVersions(h.url());
      expect(versions.length).toBeGreaterThan(0);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      await s.createMeeting(meeting());
      await s.migrate();
      await s.migrate();
      expect(await h.target.migrationVersions(h.url())).toEqual(versions);
      expect(await s.getMeeting('m1')).not.toBeNull();
    });

    it('migrates a new database from three handles at once', async () => {
      const url = await h.target.newDatabaseUrl();
      const stores = await Promise.all([1, 2, 3].map(() => openStore(url, { log: silentLogger })));
      try {
        const versions = await h.target.migrationVersions(url);
        expect(versions).toEqual(await h.target.migrationVersions(h.url()));
        await stores[0]?.createMeeting(meeting());
        expect((await stores[2]?.getMeeting('m1'))?.id).toBe('m1');
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('loses nothing across a close and reopen', async () => {
      const s = h.store();
      await s.createMeeting(meeting({ layout: { type: 'bestFit' } }));
      await s.updateMeeting('m1', { muteAll: true });
      await s.upsertConnection(connection());
      await s.upsertStream(stream({ muted: true }));
      await s.upsertRecording(recording());
      await s.addCard(card());
      await s.claimKey('cmd', 'k', 60_000);
      await s.setKeyResult('cmd', 'k', 'reply');
      await s.acquireLease('cards', 'r1', 60_000, T0);
      await s.audit(auditEntry());
      await s.saveInstallation({
        platform: 'slack',
        teamId: 'T1',
        data: { bot: { token: 'xoxb-1' } },
        updatedAt: T0,
      });
      const before = await snapshot(s);
      await s.close();

      const again = await h.open();
      expect(await snapshot(again)).toEqual(before);
      expect(await again.claimKey('cmd', 'k', 60_000)).toBe(false);
      expect(await again.acquireLease('cards', 'r2', 60_000, T0 + 1)).toBe(false);
      expect(await again.acquireLease('cards', 'r1', 60_000, T0 + 1)).toBe(true);
    });

    it('probes with a write while open and fails the probe after close', async () => {
      const s = await h.open();
      await s.probe();
      await s.probe();
      await s.close();
      await expect(s.probe()).rejects.toMatchObject({ code: 'unavailable' });
      await s.close();
    });
  });

  describe('audit log and installations', () => {
    it('records moderation actions per meeting in order', async () => {
      const s = h.store();
      const first = auditEntry({ at: T0 + 1 });
      const second = auditEntry({
        action: 'kick',
        target: 'c3',
        outcome: 'denied',
        detail: 'not a moderator',
        at: T0 + 2,
      });
      await s.audit(second);
      await s.audit(first);
      await s.audit(auditEntry({ meetingId: null, action: 'start', at: T0 }));
      await s.audit(auditEntry({ meetingId: 'm2' }));
      expect(await s.listAudit('m1')).toEqual([first, second]);
      expect(await s.listAudit('none')).toEqual([]);
    });

    it('saves, replaces and deletes installations with their JSON intact', async () => {
      const s = h.store();
      const data = {
        team: { id: 'T1', name: 'Ünïcode "team"' },
        bot: { token: 'xoxb-1', scopes: ['commands'] },
        n: 1.5,
        none: null,
      };
      await s.saveInstallation({ platform: 'slack', teamId: 'T1', data, updatedAt: T0 });
      expect(await s.getInstallation('slack', 'T1')).toEqual({
        platform: 'slack',
        teamId: 'T1',
        data,
        updatedAt: T0,
      });
      await s.saveInstallation({ platform: 'slack', teamId: 'T1', data: 'plain', updatedAt: T0 + 1 });
      expect(await s.getInstallation('slack', 'T1')).toMatchObject({ data: 'plain', updatedAt: T0 + 1 });
      expect(await s.getInstallation('discord', 'T1')).toBeNull();
      await s.deleteInstallation('slack', 'T1');
      expect(await s.getInstallation('slack', 'T1')).toBeNull();
    });
  });
}

async function snapshot(s: import('../../src/store/types.js').Store) {
  return {
    meeting: await s.getMeeting('m1'),
    active: await s.listActiveMeetings(),
    connections: await s.listConnections('m1', { includeGone: true }),
    streams: await s.listStreams('m1', { includeGone: true }),
    recordings: await s.listRecordings('m1'),
    cards: await s.listCards('m1'),
    dirty: await s.listDirtyCards(T0 + 1, 10),
    keyResult: await s.getKeyResult('cmd', 'k'),
    audit: await s.listAudit('m1'),
    installation: await s.getInstallation('slack', 'T1'),
  };
}
