// Runs the store contract on SQLite files (so reopening is a real restart), plus SQLite specifics.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import { SqliteDb } from '../../src/store/sqlite/db.js';
import { SQLITE_MIGRATIONS, migrateSqlite } from '../../src/store/sqlite/migrations.js';
import { defineStoreContract } from './contract.js';
import { T0, card, meeting } from './fixtures.js';

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

  it('upgrades a version-1 database step by step, backfilling what cards follow', async () => {
    const path = join(dir, 'v1', 'store.db');
    const v1 = new SqliteDb(path);
    expect(migrateSqlite(v1, silentLogger, SQLITE_MIGRATIONS.slice(0, 1))).toEqual([1]);
    v1.raw
      .prepare(
        'INSERT INTO meetings (id, session_id, platform, team_id, channel_id, title, host_id, host_name, status, options, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        'm1',
        'session-m1',
        'slack',
        'T1',
        'C-m1',
        'Standup',
        'U1',
        'Ada',
        'active',
        '{"relayed":false,"autoRecord":false,"e2ee":false}',
        T0,
        3,
      );
    v1.raw
      .prepare(
        'INSERT INTO cards (meeting_id, platform, message_id, team_id, channel_id, rendered_version, rendered_at, not_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run('m1', 'slack', card().messageId, 'T1', 'C-m1', 1, T0, T0);
    v1.close();

    const store = await openStore(`sqlite:${path}`, { log: silentLogger });
    try {
      expect(
        readOnly(`sqlite:${path}`, (db) => db.prepare('SELECT version FROM schema_migrations').all()),
      ).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
      expect(await store.listDirtyCards(T0, 10)).toEqual([{ ...card(), version: 3 }]);
      // Dirty already: the bump leaves it (written again once it is rendered; migration 15).
      await store.touchMeeting('m1');
      expect((await store.listDirtyCards(T0, 10))[0]?.version).toBe(3);
      await store.markCardRendered(card(), 3, T0, T0);
      expect((await store.listDirtyCards(T0, 10))[0]?.version).toBe(4);
    } finally {
      await store.close();
    }
  });

  it('shares one read transaction among the reads of an event-loop turn, ended by the turn or by a write', async () => {
    const url = `sqlite:${join(dir, 'turn', 'store.db')}`;
    const store = await openStore(url, { log: silentLogger });
    // Another connection to the same file, as another process (a backup, a second bot) would have.
    const other = new Database(url.slice('sqlite:'.length));
    const title = async () => (await store.getMeeting('m1'))!.title;
    const rename = (to: string) => other.prepare('UPDATE meetings SET title = ? WHERE id = ?').run(to, 'm1');
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    try {
      await store.createMeeting(meeting({ id: 'm1', title: 'One' }));
      await nextTurn();
      expect(await title()).toBe('One');
      rename('Two');
      // The same turn reads the same snapshot; the next turn sees the other connection's write.
      expect(await title()).toBe('One');
      await nextTurn();
      expect(await title()).toBe('Two');
      // A write of ours ends the read transaction first, so what follows it in the turn is current.
      rename('Three');
      expect(await title()).toBe('Two');
      expect(await store.acquireLease('probe', 'me', 1_000)).toBe(true);
      expect(await title()).toBe('Three');
      await nextTurn();
      // Nothing of ours is left open: a full checkpoint by the other connection is not held back.
      expect(other.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('reads rows right after another process rebuilds a table under a prepared SELECT *', async () => {
    const url = `sqlite:${join(dir, 'rebuilt', 'store.db')}`;
    const store = await openStore(url, { log: silentLogger });
    const other = new Database(url.slice('sqlite:'.length));
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    try {
      await store.createMeeting(meeting({ id: 'm1', title: 'One', hostName: 'Ann' }));
      await nextTurn();
      const before = (await store.getMeeting('m1'))!;
      expect([before.title, before.hostName]).toEqual(['One', 'Ann']);
      await nextTurn();
      // The same columns in another order (what a table rebuild may leave), and one more column: the
      // store's reads were prepared with the old order and must not pair values with old names.
      const cols = (other.prepare('SELECT * FROM meetings').columns() as Array<{ name: string }>).map(
        (c) => c.name,
      );
      const reordered = [...cols].reverse();
      other.exec(`PRAGMA foreign_keys = OFF; BEGIN;
        CREATE TABLE meetings_new AS SELECT ${reordered.join(', ')}, 1 AS extra FROM meetings;
        DROP TABLE meetings; ALTER TABLE meetings_new RENAME TO meetings; COMMIT;`);
      await nextTurn();
      const after = (await store.getMeeting('m1'))!;
      expect(after).toEqual(before);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('reads live participants and streams through partial indexes, not the meeting history', async () => {
    const url = `sqlite:${join(dir, 'plan', 'store.db')}`;
    const store = await openStore(url, { log: silentLogger });
    await store.close();
    const plans = readOnly(url, (db) =>
      [
        'SELECT * FROM connections WHERE meeting_id = ? AND left_at IS NULL ORDER BY joined_at, connection_id',
        'SELECT * FROM streams WHERE meeting_id = ? AND destroyed_at IS NULL ORDER BY created_at, stream_id',
        'UPDATE streams SET muted = ? WHERE meeting_id = ? AND destroyed_at IS NULL',
      ].map((sql) =>
        (
          db
            .prepare(`EXPLAIN QUERY PLAN ${sql}`)
            .all(...(sql.startsWith('UPDATE') ? [1, 'm'] : ['m'])) as Array<{
            detail: string;
          }>
        )
          .map((r) => r.detail)
          .join('; '),
      ),
    );
    expect(plans).toEqual([
      'SEARCH connections USING INDEX connections_live (meeting_id=?)',
      'SEARCH streams USING INDEX streams_live (meeting_id=?)',
      'SEARCH streams USING INDEX streams_live (meeting_id=?)',
    ]);
  });
});
