// A meeting's snapshot (what a card render reads) on Postgres: Store.getMeetingSnapshot, one
// statement returning one JSON document, against the same ten reads made one by one (the way
// before stop 24; they still share one round trip through the read batch), alternating in one run.
// 10 meetings of 30 people with 34 live streams; 4 snapshots in flight. Prints, per snapshot, this
// process's CPU and the Postgres backends' CPU (from /proc).
// Usage: npm run build && node bench/store-snapshot.mjs [snapshots=3000] [rounds=3] [postgres-url]
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { silentLogger } from '../dist/src/log.js';
import { openStore } from '../dist/src/store/index.js';
import { activeMeeting } from './meetings.mjs';

const N = Number(process.argv[2] ?? 3000);
const ROUNDS = Number(process.argv[3] ?? 3);
const base = process.argv[4] ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Client({ connectionString: base });
await admin.connect();
const schema = `snap_${Math.random().toString(36).slice(2, 8)}`;
await admin.query(`CREATE SCHEMA ${schema}`);
const url = new URL(base);
url.searchParams.set('options', `-c search_path=${schema}`);
const store = await openStore(url.toString(), { log: silentLogger });

const ids = [];
for (let m = 0; m < 10; m++) {
  const id = `m${m}`;
  ids.push(id);
  await store.createMeeting(activeMeeting({ id, channelId: `C${m}` }));
  for (let i = 0; i < 30; i++)
    await store.upsertConnection({
      meetingId: id,
      connectionId: `c${i}`,
      kind: 'user',
      userId: `U${i}`,
      name: `Person ${i}`,
      joinedAt: Date.now() + i,
      leftAt: null,
      reason: null,
      seq: 1,
    });
  for (let i = 0; i < 34; i++)
    await store.upsertStream({
      meetingId: id,
      streamId: `s${i}`,
      connectionId: `c${i % 30}`,
      videoType: 'camera',
      name: `Person ${i % 30}`,
      muted: false,
      createdAt: Date.now() + i,
      destroyedAt: null,
      reason: null,
      seq: 1,
    });
}

const ways = {
  document: (id) => store.getMeetingSnapshot(id),
  separately: async (id) => {
    const [meeting, connections, streams, ...rest] = await Promise.all([
      store.getMeeting(id),
      store.listConnectionsForState(id),
      store.listStreams(id),
      store.listRecordings(id),
      store.listBroadcasts(id),
      store.listSipLegs(id),
      store.listRenders(id),
      store.listAudioStreams(id),
      store.getMeetingCheck(id),
      store.listCaptionRuns(id),
    ]);
    return { meeting, connections, streams, rest };
  },
};

/** CPU ms of this database's backends other than the admin connection. */
async function serverCpuMs() {
  const { rows } = await admin.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  let ms = 0;
  for (const { pid } of rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ms += (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      // a backend that ended meanwhile
    }
  }
  return ms;
}

async function measure(name) {
  const one = ways[name];
  let next = 0;
  const pgBefore = await serverCpuMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < N) {
        const s = await one(ids[next++ % ids.length]);
        if (s.connections.length !== 30 || s.streams.length !== 34)
          throw new Error(`${name}: wrong snapshot`);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  const pgMs = (await serverCpuMs()) - pgBefore;
  const per = (us) => (us / N).toFixed(0).padStart(4);
  console.log(
    `${name.padEnd(10)} bot CPU ${per(used.user + used.system)} us, Postgres CPU ${per(pgMs * 1000)} us, wall ${per((performance.now() - started) * 1000)} us per snapshot`,
  );
}

for (const name of Object.keys(ways)) for (let i = 0; i < 300; i++) await ways[name](ids[i % 10]);
for (let r = 0; r < ROUNDS; r++) for (const name of Object.keys(ways)) await measure(name);
await store.close();
await admin.query(`DROP SCHEMA ${schema} CASCADE`);
await admin.end();
