import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TICKET_SCOPE } from '../../../src/join/check.js';
import { mountJoinRoutes } from '../../../src/join/routes.js';
import { TICKET_TTL_MS } from '../../../src/join/tickets.js';
import { silentLogger } from '../../../src/log.js';
import { freshSchema, type FreshSchema } from '../../replicas/pg-schema.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

// Issue 12: personal join links live 10 minutes and must not rest in the store longer. A link is
// never stored (not in a kept reply, not in a dedupe key); exchanging it keeps only the ticket's
// random ID (which cannot rebuild the link) until the ticket itself expires, plus a minute for
// clocks that differ between replicas. Through the real signed routes: `/video start`, `/video join`
// and the card's Join button, one link exchanged on the join page; then the SQLite file with its
// write-ahead log, and every Postgres table, are searched.

/** The margin a used ticket's record may outlive the ticket (clock skew between replicas): a minute. */
const SKEW_MS = 60_000;

interface Issued {
  links: string[];
  exchanged: { jti: string; exp: number };
}

const linksIn = (reply: unknown): string[] =>
  JSON.stringify(reply).match(/https?:\/\/[^"\\ ]+\/join\/[\w.-]+/g) ?? [];

/** Gets three join links through Slack and exchanges one; returns them and the exchanged ticket's claims. */
async function issueLinks(h: SlackHarness): Promise<Issued> {
  mountJoinRoutes(h.server, {
    store: h.store,
    video: h.video,
    ticketSecret: 't'.repeat(40),
    now: Date.now,
    log: silentLogger,
    publicUrl: h.url,
  });
  const links = linksIn(await h.replyTo((await h.slash('start Links', 'U1')).reply));
  await h.settle();
  const m = await h.meeting();
  links.push(...linksIn(await h.replyTo((await h.slash('join', 'U2')).reply)));
  links.push(...linksIn(await h.replyTo((await h.click(`join:${m.id}`, { user: 'U3' })).reply)));
  await h.settle();
  expect(links.length).toBeGreaterThanOrEqual(2);
  const ticket = new URL(links.at(-1)!).pathname.split('/').at(-1)!;
  const res = await fetch(`${h.url}/join/${ticket}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
  const claims = JSON.parse(Buffer.from(ticket.split('.')[0]!, 'base64url').toString('utf8')) as {
    jti: string;
    exp: number;
  };
  return { links, exchanged: { jti: claims.jti, exp: claims.exp } };
}

function expectNoLinks(stored: string, issued: Issued): void {
  expect(stored).not.toMatch(/\/join\/[\w-]{20,}\./);
  for (const link of issued.links) {
    const ticket = new URL(link).pathname.split('/').at(-1)!;
    expect(stored).not.toContain(ticket.split('.')[0]);
    expect(stored).not.toContain(ticket.split('.')[1]);
  }
}

function expectKeptUntilExpiry(rows: Array<{ key: string; expires_at: number | string }>, issued: Issued) {
  expect(rows.map((r) => r.key)).toEqual([issued.exchanged.jti]);
  const expiresAt = Number(rows[0]!.expires_at);
  expect(expiresAt).toBeGreaterThanOrEqual(issued.exchanged.exp);
  expect(expiresAt).toBeLessThanOrEqual(issued.exchanged.exp + SKEW_MS);
  expect(issued.exchanged.exp - Date.now()).toBeLessThanOrEqual(TICKET_TTL_MS);
}

describe('join links at rest', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('SQLite: no join link in the file or its write-ahead log; a used ticket is remembered only while it is valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'links-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'bot.db');
    const h = await startSlackHarness({ databaseUrl: `sqlite:${file}` });
    cleanups.push(() => h.close());
    const issued = await issueLinks(h);
    // Read while the store is open: closing it checkpoints the log into the file and removes it.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`)]).toString('latin1');
    expect(bytes).toContain('Links');
    expectNoLinks(bytes, issued);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    cleanups.push(async () => db.close());
    const rows = db
      .prepare('SELECT key, expires_at FROM idempotency_keys WHERE scope = ?')
      .all(TICKET_SCOPE) as Array<{ key: string; expires_at: number }>;
    expectKeptUntilExpiry(rows, issued);
  });

  it('Postgres: no row of any table holds a join link; a used ticket is remembered only while it is valid', async () => {
    const schema: FreshSchema = await freshSchema('links');
    cleanups.push(() => schema.drop());
    const h = await startSlackHarness({ databaseUrl: schema.url });
    cleanups.push(() => h.close());
    const issued = await issueLinks(h);
    const db = new pg.Pool({ connectionString: schema.url, max: 1 });
    cleanups.push(() => db.end());
    const { rows: tables } = await db.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [schema.name],
    );
    let everything = '';
    for (const { table_name } of tables) {
      const { rows } = await db.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM "${table_name}" t`,
      );
      everything += rows.map((r) => r.row).join('\n');
    }
    expect(everything).toContain('Links');
    expectNoLinks(everything, issued);
    const { rows } = await db.query<{ key: string; expires_at: string }>(
      'SELECT key, expires_at FROM idempotency_keys WHERE scope = $1',
      [TICKET_SCOPE],
    );
    expectKeptUntilExpiry(rows, issued);
  });
});
