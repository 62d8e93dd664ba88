// Postgres and node CPU of one turn of reads as the bot sends it (src/store/postgres/read-batch.ts):
// a callback's two reads (its meeting and its room by session) as EXECUTEs of prepared statements,
// against the peer of the same turn with the statements' texts sent along for prepare_statements,
// as every turn did before the store kept a record of what each session has prepared
// (src/store/postgres/session-prepared.ts). One connection, turns one after another; the server's
// CPU is its backend's, read from /proc (run it on the database's host). Runs the compiled code.
//
//   node bench/pg-turn.mjs [--store postgres://postgres@127.0.0.1:5432/test] [--turns 5000] [--rounds 3]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { silentLogger } from '../dist/src/log.js';
import { PgDb } from '../dist/src/store/postgres/db.js';
import { migratePostgres } from '../dist/src/store/postgres/migrations.js';

const { values: args } = parseArgs({
  options: {
    store: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    turns: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
  },
});

const schema = `bench_turn_${process.pid}`;
const admin = new pg.Client({ connectionString: args.store });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const url = new URL(args.store);
url.searchParams.set('options', `-c search_path=${schema}`);
const db = new PgDb({ connectionString: url.toString(), max: 1 }, silentLogger);
const client = new pg.Client({ connectionString: url.toString() });
try {
  await migratePostgres(db, silentLogger);
  await db.query(
    `INSERT INTO meetings (id, session_id, platform, team_id, channel_id, title, host_id, host_name, status, options, created_at)
     VALUES ('m1', 's1', 'slack', 'T1', 'C1', 'Bench', 'U1', 'Host', 'active', '{}', 0)`,
  );
  await client.connect();
  const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  // utime + stime of the backend, in ms (clock ticks of 10 ms).
  const serverMs = () => {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  };
  const texts = {
    r_meeting: "SELECT * FROM meetings WHERE session_id = $1 AND status = 'active'",
    r_room: 'SELECT * FROM rooms WHERE session_id = $1',
  };
  const turn = "EXECUTE r_meeting('s1');\nEXECUTE r_room('s1')";
  const arms = {
    'texts sent once (the bot)': turn,
    'texts in every turn (peer)': `SELECT prepare_statements($g$${JSON.stringify(texts)}$g$::jsonb);\n${turn}`,
  };
  await client.query(arms['texts in every turn (peer)']);
  const n = Number(args.turns);
  const rows = [];
  for (let round = 1; round <= Number(args.rounds); round++) {
    for (const [arm, sql] of Object.entries(arms)) {
      for (let i = 0; i < 200; i++) await client.query(sql);
      const s0 = serverMs();
      const c0 = process.cpuUsage();
      for (let i = 0; i < n; i++) await client.query(sql);
      const c = process.cpuUsage(c0);
      rows.push({
        round,
        arm,
        serverUsPerTurn: Math.round(((serverMs() - s0) * 1000) / n),
        nodeUsPerTurn: Math.round((c.user + c.system) / n),
      });
    }
  }
  console.table(rows);
} finally {
  await client.end().catch(() => undefined);
  await db.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
