// The store's share of Discord's `mute` mix as the running bot makes it, in-process and without
// HTTP, so that a store change (schema, pragma, group spacing) can be compared run against run with
// less noise than the whole Discord benchmark: WORKERS commands in flight (as concurrency 50 keeps
// them), each the bot's store traffic for `/video mute all|off`: the pre-ack pending row (its own
// group commit), the meeting, connections and streams reads, a pause standing for the Video API
// call, then the meeting update with its version bump, audit row and stored reply in one unit, and
// the done mark 20 ms later (batched); beside them, the card refresher's reads and edits of each
// meeting's card (dirtied by every bump). Ten meetings, a SQLite file. Prints CPU microseconds per
// command (process CPU: the WAL writes' system time counts); exits non-zero when a write is lost.
// Usage: npm run build && node bench/store-mix.mjs [seconds=8] [workers=50] [--sql "<SQL>"]
//        node bench/store-mix.mjs --pair "<SQL>" [--rounds 4] [seconds=6]
//   --sql runs SQL on the migrated file before the load: a schema variant, e.g. "DROP INDEX
//   audit_log_by_meeting" (a pragma would not carry over to the store's connection).
//   --pair runs the plain store and the --sql variant AT THE SAME TIME, in two processes, each
//   round: both see the same host load, so their difference is steady to ~2 us where sequential
//   runs of either drift by 10 us or more on a shared host.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { silentLogger } from '../dist/src/log.js';
import { activeMeeting, doneMarks, muteUnit } from './meetings.mjs';
import { openStore } from '../dist/src/store/index.js';

const flags = {};
const positional = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a.startsWith('--')) flags[a.slice(2)] = process.argv[++i];
  else positional.push(a);
}
if (flags.pair !== undefined) await pair(flags.pair, Number(flags.rounds ?? 4), positional[0] ?? '6');
const SECONDS = Number(positional[0] ?? 8);
const WORKERS = Number(positional[1] ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'store-mix-'));
const store = await openStore(`sqlite:${join(dir, 'bench.db')}`, { log: silentLogger });
if (flags.sql) {
  // Through a second connection: the store's own prepares again when it sees the schema changed.
  const raw = new Database(join(dir, 'bench.db'));
  raw.exec(flags.sql);
  raw.close();
}

/** Runs the plain store and the `sql` variant side by side `rounds` times; prints each and the mean difference. */
async function pair(sql, rounds, seconds) {
  const self = new URL(import.meta.url).pathname;
  const once = (extra) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [self, seconds, ...extra], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('exit', (code) => {
        const us = /CPU ([\d.]+) us\/command/.exec(out);
        if (code !== 0 || !us) reject(new Error(`store-mix child failed (${code}): ${out}`));
        else resolve(Number(us[1]));
      });
    });
  const diffs = [];
  for (let r = 1; r <= rounds; r++) {
    const [plain, variant] = await Promise.all([once([]), once(['--sql', sql])]);
    diffs.push(variant - plain);
    console.log(
      `round ${r}: plain ${plain.toFixed(1)} us/command, variant ${variant.toFixed(1)} (${(variant - plain).toFixed(1)})`,
    );
  }
  const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  console.log(
    `variant minus plain: mean ${mean.toFixed(1)} us/command over ${rounds} rounds (${diffs.map((d) => d.toFixed(1)).join(', ')})`,
  );
  process.exit(0);
}
// A Discord interaction's stored request, with a token as long as Discord's (~200 characters).
const payloadOf = (id, channel) =>
  JSON.stringify({
    v: 1,
    actor: { platform: 'discord', id: '300000000000000001', name: 'bench', moderator: true },
    place: { platform: 'discord', teamId: '400000000000000001', channelId: channel },
    source: 'slash',
    delivery: id,
    command: 'mute',
    options: { target: 'all', except: [] },
    replyTo: { id, applicationId: '111111111111111111', token: 'a'.repeat(200), mode: 'deferred' },
    replyBy: Date.now() + 900_000,
    acked: 'channel',
  });
const reply = JSON.stringify({
  visibility: 'channel',
  blocks: [{ type: 'notice', level: 'success', text: 'bench muted everyone: new streams join muted.' }],
});

const meetings = [];
for (let i = 0; i < 10; i++) {
  const id = `m${i}-${process.pid}`;
  await store.createMeeting(
    activeMeeting({ id, platform: 'discord', teamId: '400000000000000001', channelId: `C${i}` }),
  );
  meetings.push({ id, channel: `C${i}` });
  // Each meeting has its card, which the version bumps make dirty (a trigger on both stores).
  await store.addCard({
    meetingId: id,
    platform: 'discord',
    teamId: '400000000000000001',
    channelId: `C${i}`,
    messageId: `M${i}`,
    renderedVersion: 1,
    renderedAt: Date.now(),
    notBefore: Date.now(),
  });
}
// Standing for the card refresher's store traffic: for each dirty card a meeting and a streams read
// (the bot's snapshot reads more tables), then its edit recorded, at most once a second per card
// (CardService's minIntervalMs).
let pass = Promise.resolve();
const refresher = setInterval(() => {
  pass = pass.then(async () => {
    for (const card of await store.listDirtyCards(Date.now(), 50)) {
      const meeting = await store.getMeeting(card.meetingId);
      await store.listStreams(card.meetingId);
      await store.markCardRendered(card, meeting.version, Date.now(), Date.now() + 1000);
    }
  });
}, 100);

const marks = doneMarks(store);
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

let seq = 0n;
let count = 0;
/** One command, as the front door runs it. */
async function command() {
  const n = count++;
  const m = meetings[n % meetings.length];
  const delivery = String(2_000_000_000_000_000n + seq++);
  const id = `discord:${delivery}`;
  await store.commit([
    {
      kind: 'recordPending',
      command: {
        id,
        platform: 'discord',
        kind: 'request',
        payload: payloadOf(delivery, m.channel),
        owner: 'bench',
      },
      at: Date.now(),
    },
  ]);
  if (!(await store.getActiveMeetingInChannel('discord', '400000000000000001', m.channel)))
    throw new Error('a benchmark meeting is missing');
  const all = n % 2 === 0;
  if (all) {
    await store.listConnections(m.id);
    await store.listStreams(m.id);
  }
  await pause(14 + (n % 5));
  await store.commit(
    muteUnit({
      meetingId: m.id,
      platform: 'discord',
      actorId: '300000000000000001',
      pendingId: id,
      reply,
      all,
    }),
  );
  marks.add(id);
}

async function run(ms) {
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (performance.now() < until) await command();
    }),
  );
}

await run(2_000);

const c0 = count;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await run(SECONDS * 1000);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const n = count - c0;
marks.stop();
clearInterval(refresher);
await pass;
await store.close();
// Every command's rows are there: its pending row (marked done) and its audit entry.
const db = new Database(join(dir, 'bench.db'), { readonly: true });
const rows = (sql) => db.prepare(sql).pluck().get();
const done = rows("SELECT count(*) FROM pending_commands WHERE status = 'done' AND reply IS NOT NULL");
const audited = rows('SELECT count(*) FROM audit_log');
db.close();
rmSync(dir, { recursive: true, force: true });
if (done !== count || audited !== count) {
  console.error(`lost writes: ${count} commands, ${done} done pending rows, ${audited} audit entries`);
  process.exit(1);
}
const per = (us) => (us / n).toFixed(1);
console.log(
  `${n} commands (${((1000 * n) / wall).toFixed(0)}/s), ${WORKERS} in flight: CPU ${per(cpu.user + cpu.system)} us/command (user ${per(cpu.user)}, system ${per(cpu.system)})`,
);
