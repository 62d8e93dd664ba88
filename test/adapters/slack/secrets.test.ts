import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshSchema, type FreshSchema } from '../../replicas/pg-schema.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

// Issue 12, secrets at rest: RTMP stream keys and SIP passwords reach the Video API and nothing the
// bot keeps. Through the real signed routes (the Go-live form, `/video live start --rtmp`, `/video
// dial` with a password), then the bytes of the SQLite file and its write-ahead log, and every row
// of every table on Postgres, are searched for them. The RTMP server URL, which is stored, shows the
// search does find what is there.

const KEY_FORM = 'sk-FORM-SECRET-4811';
const KEY_TEXT = 'sk-TEXT-SECRET-5922';
const PASSWORD = 'PW-SIP-SECRET-7033';
const SERVER = 'rtmp://live.example.com/app';

/**
 * Drives a meeting through every way a secret can be typed; returns what the emulator was given.
 * `inFlight` runs while `/video live start --rtmp URL KEY` is acknowledged and still running (its
 * Video API call is held for a moment), when its pending row is in the store.
 */
async function useSecrets(h: SlackHarness, inFlight: () => Promise<void>): Promise<string> {
  await h.replyTo((await h.slash('start Secrets')).reply);
  await h.settle();
  const m = await h.meeting();
  const opened = h.api.callsTo('views.open').length;
  await h.click(`modal:live.start:${m.id}`, { user: 'U1' });
  const [view] = (await h.api.waitFor('views.open', opened + 1)).slice(-1);
  const form = view!.body.view as { private_metadata: string };
  const input = (id: string, value: string | null) => ({
    [id]: { [id]: { type: 'plain_text_input', value } },
  });
  const ack = await h.submit(form, {
    ...input('rtmp_url', SERVER),
    ...input('rtmp_key', KEY_FORM),
    hls: { hls: { type: 'checkboxes', selected_options: [] } },
  });
  expect(ack.text).toBe('');
  await h.settle();
  await h.replyTo((await h.slash('live stop')).reply);
  h.emulator.setFault({ method: 'POST', path: '/broadcast', latencyMs: 1500, times: 1 });
  const slow = await h.slash(`live start --rtmp ${SERVER} ${KEY_TEXT}`);
  expect(slow.status).toBe(200);
  await inFlight();
  await h.replyTo(slow.reply);
  await h.replyTo((await h.slash(`dial sip:alice:${PASSWORD}@pbx.example.com`)).reply);
  await h.settle();
  // The Video API got them: they were really used.
  return JSON.stringify(h.emulator.snapshot(m.sessionId));
}

describe('secrets at rest', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('SQLite: neither the database file nor its write-ahead log holds a stream key or SIP password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'bot.db');
    const h = await startSlackHarness({ databaseUrl: `sqlite:${file}` });
    cleanups.push(() => h.close());
    const given = await useSecrets(h, async () => {});
    for (const secret of [KEY_FORM, KEY_TEXT, PASSWORD]) expect(given).toContain(secret);
    // Read while the store is open: closing it checkpoints the log into the file and removes it.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`)]).toString('latin1');
    expect(bytes).toContain(SERVER);
    for (const secret of [KEY_FORM, KEY_TEXT, PASSWORD]) expect(bytes).not.toContain(secret);
  });

  it('Postgres: no row of any table holds a stream key or SIP password', async () => {
    const schema: FreshSchema = await freshSchema('secrets');
    cleanups.push(() => schema.drop());
    const h = await startSlackHarness({ databaseUrl: schema.url });
    cleanups.push(() => h.close());
    const db = new pg.Pool({ connectionString: schema.url, max: 1 });
    cleanups.push(() => db.end());
    let whileRunning = '';
    const given = await useSecrets(h, async () => {
      // The row of the command still running: what a replica taking it over would read.
      const { rows } = await db.query<{ payload: string }>(
        "SELECT payload FROM pending_commands WHERE status = 'pending' AND payload LIKE '%live start%'",
      );
      whileRunning = rows.map((r) => r.payload).join('\n');
    });
    expect(whileRunning).toContain('"command":"live start"');
    expect(whileRunning).toContain('"withheld":["rtmp"]');
    expect(whileRunning).not.toContain(KEY_TEXT);
    for (const secret of [KEY_FORM, KEY_TEXT, PASSWORD]) expect(given).toContain(secret);
    const { rows: tables } = await db.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [schema.name],
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['pending_commands', 'broadcasts']),
    );
    let everything = '';
    for (const { table_name } of tables) {
      const { rows } = await db.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM "${table_name}" t`,
      );
      everything += rows.map((r) => r.row).join('\n');
    }
    expect(everything).toContain(SERVER);
    for (const secret of [KEY_FORM, KEY_TEXT, PASSWORD]) expect(everything).not.toContain(secret);
  });
});
