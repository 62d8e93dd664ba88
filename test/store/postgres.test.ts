// Runs the store contract on Postgres (TEST_DATABASE_URL, default the local CI database). Every
// test gets a fresh schema, selected through the connection's search_path; all are dropped after
// the run. An unreachable Postgres fails this file: CI starts Postgres, so silence would hide a bug.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import { GroupCommit } from '../../src/store/group-commit.js';
import { postgresFlush } from '../../src/store/postgres/commit.js';
import { PgDb } from '../../src/store/postgres/db.js';
import { ReadBatcher } from '../../src/store/postgres/read-batch.js';
import { POSTGRES_MIGRATIONS, migratePostgres } from '../../src/store/postgres/migrations.js';
import { defineStoreContract } from './contract.js';
import { T0, auditEntry, card, meeting } from './fixtures.js';

const BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUN = `vc_store_${process.pid}_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: BASE, connectionTimeoutMillis: 5_000 });
const schemas = new Map<string, string>();

beforeAll(async () => {
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `Postgres is unreachable at TEST_DATABASE_URL (${(err as Error).message}); start it or set TEST_DATABASE_URL.`,
    );
  }
});

afterAll(async () => {
  for (const schema of schemas.values()) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

defineStoreContract({
  name: 'postgres',
  async newDatabaseUrl() {
    const schema = `${RUN}_${schemas.size + 1}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(BASE);
    url.searchParams.set('options', `-c search_path=${schema}`);
    schemas.set(url.toString(), schema);
    return url.toString();
  },
  async migrationVersions(url) {
    const schema = schemas.get(url);
    if (!schema) throw new Error(`unknown test database ${url}`);
    const res = await admin.query<{ version: number }>(
      `SELECT version FROM ${schema}.schema_migrations ORDER BY version`,
    );
    return res.rows.map((r) => r.version);
  },
});

/** The URL of a new schema of this run (dropped after it), for a test that opens its own handles. */
async function freshSchema(name: string): Promise<URL> {
  const schema = `${RUN}_${name}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  schemas.set(schema, schema);
  const url = new URL(BASE);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url;
}

describe('postgres specifics', () => {
  it('survives its connections being killed (a database restart) and carries on', async () => {
    const schema = `${RUN}_restart`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.set(schema, schema);
    const app = `${RUN}_app`;
    const url = new URL(BASE);
    url.searchParams.set('options', `-c search_path=${schema}`);
    url.searchParams.set('application_name', app);
    const warnings: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => warnings.push(l) });
    const store = await openStore(url.toString(), { log, poolMax: 3 });
    try {
      await Promise.all([store.probe(), store.probe(), store.probe()]);
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [app],
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      // Straight away: some pooled connections are dead but not yet noticed by the pool.
      await store.createMeeting(meeting());
      await vi.waitFor(() => expect(warnings.join('\n')).toContain('postgres idle client error'));
      expect((await store.getMeeting('m1'))?.id).toBe('m1');
    } finally {
      await store.close();
    }
  });

  it('upgrades a version-1 database step by step, backfilling what cards follow', async () => {
    const schema = `${RUN}_v1`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.set(schema, schema);
    const url = new URL(BASE);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const v1 = new PgDb({ connectionString: url.toString() }, silentLogger);
    expect(await migratePostgres(v1, silentLogger, POSTGRES_MIGRATIONS.slice(0, 1))).toEqual([1]);
    await v1.query(
      'INSERT INTO meetings (id, session_id, platform, team_id, channel_id, title, host_id, host_name, status, options, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
      [
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
      ],
    );
    await v1.query(
      'INSERT INTO cards (meeting_id, platform, message_id, team_id, channel_id, rendered_version, rendered_at, not_before) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      ['m1', 'slack', card().messageId, 'T1', 'C-m1', 1, T0, T0],
    );
    await v1.close();

    const store = await openStore(url.toString(), { log: silentLogger });
    try {
      const versions = await admin.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
      expect(versions.rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })));
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

  /**
   * A store on a fresh schema whose connections are named (to find them in pg_stat_activity), with
   * meeting m1 (titled `title`) and a second connection holding m1's row lock until `unlock`.
   */
  async function lockedMeeting(name: string, title?: string) {
    const schema = `${RUN}_${name}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.set(schema, schema);
    const app = `${RUN}_${name}_app`;
    const url = new URL(BASE);
    url.searchParams.set('options', `-c search_path=${schema}`);
    url.searchParams.set('application_name', app);
    const store = await openStore(url.toString(), { log: silentLogger });
    await store.createMeeting(meeting(title === undefined ? {} : { title }));
    const locker = new pg.Client({ connectionString: BASE });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query(`SELECT 1 FROM ${schema}.meetings WHERE id = 'm1' FOR UPDATE`);
    return {
      schema,
      store,
      /** The one query of the store's that waits for a lock, once there is one. */
      waiting: () =>
        vi.waitFor(async () => {
          const res = await admin.query<{ query: string }>(
            "SELECT query FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
            [app],
          );
          expect(res.rowCount).toBe(1);
          return res.rows[0]!.query;
        }),
      unlock: () => locker.query('COMMIT'),
      async close() {
        await locker.end();
        await store.close();
      },
    };
  }

  it('group-commits the units of one event-loop turn in one transaction', async () => {
    const { schema, store, waiting, unlock, close } = await lockedMeeting('group');
    try {
      // One turn: the audit unit comes first, the touch then waits for the row lock.
      const both = Promise.all([store.audit(auditEntry()), store.touchMeeting('m1')]);
      await waiting();
      // Had the audit unit committed on its own, it would be visible now.
      expect((await admin.query(`SELECT 1 FROM ${schema}.audit_log`)).rowCount).toBe(0);
      await unlock();
      await both;
      expect((await admin.query(`SELECT 1 FROM ${schema}.audit_log`)).rowCount).toBe(1);
    } finally {
      await close();
    }
  });

  it('sends a whole group and its BEGIN as one message and keeps awkward text byte for byte', async () => {
    // Quotes, backslashes, placeholders, a statement terminator and comment, non-ASCII, a NUL-free control.
    const awkward = "O'Brien \\ '' $1 $2 ? \\x41 -- ; DROP TABLE meetings; /* é 🎉 */\n\ttab";
    const { store, waiting, unlock, close } = await lockedMeeting('inline', awkward);
    try {
      const both = Promise.all([
        store.audit(auditEntry({ actorName: awkward, detail: awkward })),
        store.touchMeeting('m1'),
      ]);
      // While the group waits for the row lock, the one message it sent holds both units.
      const sent = await waiting();
      expect(sent).toMatch(/^BEGIN; SELECT run_group\(\$g\$\{"w_/);
      // The audit's prepared text, and the touch as a bump of m1 (the last write's argument).
      expect([sent.includes('INSERT INTO audit_log'), sent.includes('"m1"}$g$::text[]) AS applied')]).toEqual(
        [true, true],
      );
      await unlock();
      await both;
      const [entry] = await store.listAudit('m1');
      expect([entry?.actorName, entry?.detail]).toEqual([awkward, awkward]);
      expect((await store.getMeeting('m1'))?.title).toBe(awkward);
      expect((await store.getMeeting('m1'))?.version).toBe(2);
    } finally {
      await close();
    }
  });

  it('sends the reads of one turn as one message, and a read that fails there fails alone', async () => {
    const { schema, store, waiting, unlock, close } = await lockedMeeting('reads');
    const locker = new pg.Client({ connectionString: BASE });
    await locker.connect();
    const turn = () =>
      Promise.allSettled([
        store.getMeeting('m1'),
        store.getMeetingBySession('session-m1'),
        store.listStreams('m1'),
      ]);
    const found = (rs: Array<PromiseSettledResult<unknown>>) =>
      rs.map((r) =>
        r.status === 'fulfilled' ? ((r.value as { id?: string } | null)?.id ?? r.value) : 'rejected',
      );
    try {
      await unlock();
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${schema}.meetings IN ACCESS EXCLUSIVE MODE`);
      const reads = turn();
      // Blocked by the table lock, the turn's three reads are one message: their statements
      // prepared in this session (migration 12), then run.
      const sent = (await waiting()).split(';\n');
      expect(sent[0]).toMatch(/^SELECT prepare_statements\(/);
      expect(sent.slice(1).map((st) => /^EXECUTE r_[0-9a-f]{24}\(/.test(st))).toEqual([true, true, true]);
      await locker.query('COMMIT');
      expect(found(await reads)).toEqual(['m1', 'm1', []]);
      // Postgres refuses a NUL in text: the batch fails, and each read runs again on its own.
      const [nul, ...others] = await Promise.allSettled([store.getMeeting('m\u0000nul'), turn()]);
      expect(nul.status).toBe('rejected');
      expect(others[0]!.status === 'fulfilled' && found(others[0]!.value)).toEqual(['m1', 'm1', []]);
    } finally {
      await locker.end();
      await close();
    }
  });

  it('reads one key each through one statement per text, and hands each read its own rows', async () => {
    const { schema, store, unlock, close } = await lockedMeeting('keyed');
    const app = `${RUN}_keyed_app`;
    const url = new URL(BASE);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const locker = new pg.Client({ connectionString: BASE });
    await locker.connect();
    try {
      await unlock();
      await store.createMeeting(meeting({ id: 'm2' }));
      await store.createMeeting(meeting({ id: 'm3', status: 'ended' }));
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${schema}.meetings IN ACCESS EXCLUSIVE MODE`);
      const ids = (ms: Array<{ id: string } | null>) => ms.map((m) => m?.id ?? null);
      const turn = Promise.all([
        store.getMeetingBySession('session-m1'),
        store.getMeetingBySession('session-m2'),
        store.getMeetingBySession('session-m1'),
        store.getMeetingBySession("o'brien"),
        store.getMeeting('m2'),
      ]);
      const sent = await vi.waitFor(async () => {
        const res = await admin.query<{ query: string }>(
          "SELECT query FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
          [app],
        );
        expect(res.rowCount).toBe(1);
        return res.rows[0]!.query.split(';\n');
      });
      // The four active-by-session reads are one statement over three keys, where the first of them
      // stood; the lone read by ID stays a prepared EXECUTE.
      expect(sent[1]).toBe(
        "SELECT * FROM meetings WHERE session_id IN ('session-m1', 'session-m2', 'o''brien') AND status = 'active'",
      );
      expect(sent.slice(2).map((st) => /^EXECUTE r_[0-9a-f]{24}\('m2'\)$/.test(st))).toEqual([true]);
      await locker.query('COMMIT');
      // An ended meeting is no session's active one: its read falls back to the latest (a turn later).
      expect(ids(await turn)).toEqual(['m1', 'm2', 'm1', null, 'm2']);
      const again = await Promise.all([
        store.getMeetingBySession('session-m3'),
        store.getMeetingBySession('session-m1'),
      ]);
      expect(again.map((m) => [m?.id, m?.status])).toEqual([
        ['m3', 'ended'],
        ['m1', 'active'],
      ]);
      // Two reads of one key in one statement: the same rows, not the same objects.
      const db = new PgDb({ connectionString: url.toString() }, silentLogger);
      const reads = new ReadBatcher(db);
      const byId = 'SELECT * FROM meetings WHERE id = $1';
      const [a, b, c] = await Promise.all([
        reads.rows(byId, ['m1']),
        reads.rows(byId, ['m1']),
        reads.rows(byId, ['m2']),
      ]);
      expect([a, b, c].map((rows) => rows.map((r) => r.id))).toEqual([['m1'], ['m1'], ['m2']]);
      expect(b).toEqual(a);
      a![0]!.title = 'changed';
      expect(b![0]!.title).toBe('Standup');
      // A key column that is not text: 5 is the row of both '5' and '05', which only Postgres knows.
      await db.query('CREATE TABLE nums (n INTEGER, label TEXT)');
      await db.query("INSERT INTO nums VALUES (5, 'five')");
      const byN = 'SELECT * FROM nums WHERE n = $1';
      const labels = async () =>
        (await Promise.all([reads.rows(byN, ['5']), reads.rows(byN, ['05'])])).map((rows) =>
          rows.map((r) => r.label),
        );
      expect(await labels()).toEqual([['five'], ['five']]);
      expect(await labels()).toEqual([['five'], ['five']]);
      await db.pool.end();
    } finally {
      await locker.end();
      await close();
    }
  });

  it('runs the plain writes of a group as statements prepared once per session, again after DISCARD ALL', async () => {
    const url = await freshSchema('prepared');
    // One connection, so the statements this test lists are those of the session the writes used.
    const db = new PgDb({ connectionString: url.toString(), max: 1 }, silentLogger);
    const group = new GroupCommit(postgresFlush(db));
    const prepared = async () =>
      (await db.query('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map((r) =>
        String(r.name),
      );
    const claim = {
      kind: 'claimKey',
      scope: 'callback',
      key: 'k1',
      at: T0,
      ttlMs: 60_000,
      required: true,
    } as const;
    try {
      await migratePostgres(db, silentLogger);
      await group.commit([{ kind: 'createMeeting', meeting: meeting() }]);
      // The row count of a prepared write still decides its applied flag: a repeated claim is false.
      expect(
        await group.commit([claim, { kind: 'audit', entry: auditEntry({ actorName: 'first' }) }]),
      ).toEqual([true, true]);
      const names = await prepared();
      expect(names).toHaveLength(3);
      expect(names.every((n) => /^w_[0-9a-f]{24}$/.test(n))).toBe(true);
      expect(
        await group.commit([claim, { kind: 'audit', entry: auditEntry({ actorName: 'skipped' }) }]),
      ).toEqual([false, false]);
      await group.commit([{ kind: 'audit', entry: auditEntry({ actorName: 'second' }) }]);
      expect(await prepared()).toEqual(names);
      // A pooler's session reset drops prepared statements and session settings together.
      await db.query('DISCARD ALL');
      expect(await prepared()).toEqual([]);
      await group.commit([{ kind: 'audit', entry: auditEntry({ actorName: 'third' }) }]);
      expect(await prepared()).toHaveLength(1);
      const rows = await db.query('SELECT actor_name FROM audit_log ORDER BY id');
      expect(rows.rows.map((r) => r.actor_name)).toEqual(['first', 'second', 'third']);
      // Reads of a turn too (migration 12): prepared in the session, their rows as a query's.
      const reads = new ReadBatcher(db);
      const turn = () =>
        Promise.all([
          reads.rows('SELECT id, version FROM meetings WHERE id = $1', ['m1']),
          reads.rows('SELECT actor_name FROM audit_log WHERE meeting_id = $1 ORDER BY id LIMIT 1', ['m1']),
        ]);
      expect(await turn()).toEqual([[{ id: 'm1', version: '1' }], [{ actor_name: 'first' }]]);
      expect((await prepared()).filter((n) => n.startsWith('r_'))).toHaveLength(2);
      await db.query('DISCARD ALL');
      expect(await turn()).toEqual([[{ id: 'm1', version: '1' }], [{ actor_name: 'first' }]]);
      // DEALLOCATE ALL alone leaves the session's settings saying its statements are prepared: the
      // group is not lost, it runs again on a new connection (the stale one is dropped).
      await db.query('DEALLOCATE ALL');
      await group.commit([{ kind: 'audit', entry: auditEntry({ actorName: 'fourth' }) }]);
      expect(await turn()).toEqual([[{ id: 'm1', version: '1' }], [{ actor_name: 'first' }]]);
      expect((await db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0]?.n).toBe(4);
    } finally {
      await group.close();
      await db.pool.end();
    }
  });

  it('runs a group through run_group with the rules of a unit, one flag per write', async () => {
    const url = await freshSchema('rungroup');
    const db = new PgDb({ connectionString: url.toString(), max: 1 }, silentLogger);
    const group = new GroupCommit(postgresFlush(db));
    const call = (elements: Array<[unit: number, rule: number, name: string | null, arg: string]>) =>
      db.query('SELECT run_group($1::jsonb, $2::int[], $3::int[], $4::text[], $5::text[]) AS applied', [
        JSON.stringify({
          w_title:
            'WITH w AS (UPDATE meetings SET title = $1 WHERE id = $2 RETURNING 1) SELECT count(*) FROM w',
        }),
        ...[0, 1, 2, 3].map((k) => elements.map((e) => e[k])),
      ]);
    const claim =
      "INSERT INTO idempotency_keys (scope, key, created_at, expires_at, result) VALUES ('t', 'k1', 0, 1, 'x') ON CONFLICT DO NOTHING";
    const none = "UPDATE meetings SET title = title WHERE id = 'none'";
    try {
      await migratePostgres(db, silentLogger);
      await group.commit([{ kind: 'createMeeting', meeting: meeting() }]);
      const res = await call([
        // A claim that holds, a prepared state change, its bump (deferred), an audit-like write.
        [0, 1, null, claim],
        [0, 8, 'w_title', "('renamed', 'm1')"],
        [0, 2 | 16, null, 'm1'],
        [0, 4, null, none],
        // The same claim again: it and the rest of its unit are not applied.
        [1, 1, null, claim],
        [1, 8, 'w_title', "('again', 'm1')"],
        [1, 16, null, 'm1'],
        // No state changed, so the bump that depends on it is skipped; a meeting that does not exist.
        [2, 8, null, none],
        [2, 2 | 16, null, 'm1'],
        [3, 16, null, 'missing'],
      ]);
      expect(res.rows[0]?.applied).toBe('tttt' + 'fff' + 'ff' + 'f');
      const m = await db.query("SELECT title, version FROM meetings WHERE id = 'm1'");
      expect(m.rows[0]).toEqual({ title: 'renamed', version: '2' });
      expect((await call([])).rows[0]?.applied).toBe('');
    } finally {
      await group.close();
      await db.pool.end();
    }
  });

  it('refuses a text it cannot prepare with SQLSTATE VC001 and the statement name', async () => {
    const url = await freshSchema('unpreparable');
    const db = new PgDb({ connectionString: url.toString(), max: 1 }, silentLogger);
    try {
      await migratePostgres(db, silentLogger);
      // `$1 IS NULL` gives Postgres no type for $1.
      const arg = JSON.stringify({
        t: {
          w_bad:
            'WITH w AS (UPDATE meetings SET title = title WHERE $1 IS NULL RETURNING 1) SELECT count(*) FROM w',
        },
        u: [[[null, 0, null, 'w_bad', "('x')"]]],
      });
      const err = await db.query('SELECT run_units($1::jsonb)', [arg]).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'VC001', message: 'w_bad' });
      // The old form (inlined statements) still runs, for replicas not yet upgraded.
      const old = await db.query('SELECT run_units($1::jsonb) AS applied', [
        JSON.stringify([[["UPDATE meetings SET title = title WHERE id = 'none'", 0]]]),
      ]);
      expect(old.rows[0]?.applied).toEqual([[false]]);
    } finally {
      await db.pool.end();
    }
  });
});
