// Runs the store contract on SQLite files (so reopening is a real restart), plus SQLite specifics.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import { defineStoreContract } from './contract.js';
import { meeting } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vc-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readOnly<T>(url: string, fn: (db: Database.Database) => T): T {
  const db = new Database(url.slice('sqlite:'.length), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

defineStoreContract({
  name: 'sqlite',
  // A directory that does not exist yet: opening must create it.
  newDatabaseUrl: async () => `sqlite:${join(dir, `db${++n}`, 'nested', 'store.db')}`,
  migrationVersions: async (url) =>
    readOnly(url, (db) =>
      (
        db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{
          version: number;
        }>
      ).map((r) => r.version),
    ),
});

describe('sqlite specifics', () => {
  it('runs in WAL mode with foreign keys enforced', async () => {
    const url = `sqlite:${join(dir, 'wal', 'store.db')}`;
    const store = await openStore(url, { log: silentLogger });
    try {
      expect(readOnly(url, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
      await expect(
        store.addCard({
          meetingId: 'ghost',
          platform: 'slack',
          teamId: 'T',
          channelId: 'C',
          messageId: '1',
          renderedVersion: 0,
          renderedAt: 0,
          notBefore: 0,
        }),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
    }
  });

  it('opens independent in-memory stores with sqlite::memory:', async () => {
    const a = await openStore('sqlite::memory:', { log: silentLogger });
    const b = await openStore('sqlite::memory:', { log: silentLogger });
    try {
      expect(a.kind).toBe('sqlite');
      await a.createMeeting(meeting());
      expect((await a.getMeeting('m1'))?.version).toBe(1);
      expect(await b.getMeeting('m1')).toBeNull();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('accepts the sqlite:/// spelling of an absolute path', async () => {
    const path = join(dir, 'abs', 'store.db');
    const store = await openStore(`sqlite://${path}`, { log: silentLogger });
    await store.createMeeting(meeting());
    await store.close();
    const again = await openStore(`sqlite:${path}`, { log: silentLogger });
    expect((await again.getMeeting('m1'))?.id).toBe('m1');
    await again.close();
  });
});
