import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshSchema, type FreshSchema } from '../../replicas/pg-schema.js';
import { PERMS, slash, startDiscordHarness, type DiscordHarness, type Who } from './harness.js';

// Issue 12, secrets at rest, on Discord: RTMP stream keys and SIP passwords typed into the Go-live
// and Dial forms or into `/video live start` / `/video dial` options reach the Video API and nothing
// the bot keeps. Through the signed interactions endpoint, then the bytes of the SQLite file and its
// write-ahead log, and every row of every table on Postgres, are searched for them. The RTMP server
// URL, which is stored, shows the search does find what is there.

const KEY_FORM = 'sk-DFORM-SECRET-6144';
const KEY_OPTION = 'sk-DOPT-SECRET-7255';
const PW_FORM = 'PW-DFORM-SIP-8366';
const PW_OPTION = 'PW-DOPT-SIP-9477';
const SECRETS = [KEY_FORM, KEY_OPTION, PW_FORM, PW_OPTION];
const SERVER = 'rtmp://live.example.com/app';
const MOD: Who = { id: 'u-mod', perms: PERMS.mute };

/** `/video <path>` data with string options. */

const input = (id: string, value: string) => ({ type: 18, component: { type: 4, custom_id: id, value } });

/**
 * Drives a meeting through every way a secret can be typed on Discord; returns what the emulator
 * was given. `inFlight` runs while `/video live start rtmp:URL KEY` is acknowledged and still running
 * (its Video API call is held for a moment), when its pending row is in the store.
 */
async function useSecrets(h: DiscordHarness, inFlight: () => Promise<void>): Promise<string> {
  const run = async (type: number, data: Record<string, unknown>) => {
    const i = h.interaction(type, MOD, data);
    expect((await h.send(i)).status).toBe(200);
    return i;
  };
  const done = async (type: number, data: Record<string, unknown>) => {
    const i = await run(type, data);
    await h.result(i.token);
    await h.settle();
  };
  await done(2, slash('start', { title: 'Secrets' }));
  const m = await h.meeting();
  await done(5, {
    custom_id: `v1|live.start|${m.id}|`,
    components: [input('rtmp_url', SERVER), input('rtmp_key', KEY_FORM)],
  });
  await done(2, slash('live stop'));
  h.emulator.setFault({ method: 'POST', path: '/broadcast', latencyMs: 1500, times: 1 });
  const slow = await run(2, slash('live start', { rtmp: `${SERVER} ${KEY_OPTION}` }));
  await inFlight();
  await h.result(slow.token);
  await h.settle();
  await done(5, {
    custom_id: `v1|dial|${m.id}|`,
    components: [input('uri', `sip:alice:${PW_FORM}@pbx.example.com`)],
  });
  await done(2, slash('dial', { uri: `sip:bob:${PW_OPTION}@pbx.example.com` }));
  return JSON.stringify(h.emulator.snapshot(m.sessionId));
}

describe('Discord: secrets at rest', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('SQLite: neither the database file nor its write-ahead log holds a stream key or SIP password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'discord-secrets-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'bot.db');
    const h = await startDiscordHarness({ databaseUrl: `sqlite:${file}` });
    cleanups.push(() => h.close());
    const given = await useSecrets(h, async () => {});
    // The Video API got them: they were really used.
    for (const secret of SECRETS) expect(given).toContain(secret);
    // Read while the store is open: closing it checkpoints the log into the file and removes it.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`)]).toString('latin1');
    expect(bytes).toContain(SERVER);
    for (const secret of SECRETS) expect(bytes).not.toContain(secret);
  });

  it('Postgres: no row of any table holds a stream key or SIP password, not even while the command runs', async () => {
    const schema: FreshSchema = await freshSchema('dsecrets');
    cleanups.push(() => schema.drop());
    const h = await startDiscordHarness({ databaseUrl: schema.url });
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
    for (const secret of SECRETS) expect(given).toContain(secret);
    const { rows: tables } = await db.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [schema.name],
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['pending_commands', 'broadcasts', 'sip_legs']),
    );
    let everything = '';
    for (const { table_name } of tables) {
      const { rows } = await db.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM "${table_name}" t`,
      );
      everything += rows.map((r) => r.row).join('\n');
    }
    expect(everything).toContain(SERVER);
    expect(everything).toContain('pbx.example.com');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});
