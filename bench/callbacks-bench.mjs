// Callback benchmark: the bot's whole callback path (HTTP -> verify -> parse -> one unit of work per
// callback, group-committed -> card refresher -> a recording publisher) against its floor (a bare
// server that verifies the same way, parses and inserts one row: bench/callbacks-floor.mjs), the
// same signed workload for both, each in a fresh process, one after the other.
//   burst:     2,000 callbacks for one meeting, fully shuffled, 50 concurrent clients
//   sustained: ~30 s of callbacks over 100 meetings (sized from the burst rate), 50 clients
// Checks: every callback answered 200 and every meeting's final card exact (participants, count,
// live streams), card edits at most one per second per card plus one. Exits non-zero otherwise.
// Runs the compiled code: `npm run build` first.
//
//   node bench/callbacks-bench.mjs [--modes burst,sustained] [--seconds 30] [--history 0]
//        [--concurrency 50] [--store sqlite|postgres://...] [--runs 1]
// --history H gives every meeting H participants who already left (and their streams) before the
// run, to show that the cost per callback does not grow with a meeting's past.
// BENCH_PROFILE=<dir> writes a CPU profile of each measured run (bot and floor) into <dir>.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SECRET, drive, pct, sessionOf, signed, warmUp, workload } from './callbacks-workload.mjs';
import { activeMeeting } from './meetings.mjs';

const { values: args } = parseArgs({
  options: {
    modes: { type: 'string', default: 'burst,sustained' },
    seconds: { type: 'string', default: '30' },
    history: { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '50' },
    store: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '1' },
    // Child mode (one measured run in this process).
    child: { type: 'boolean', default: false },
    target: { type: 'string' },
    mode: { type: 'string' },
    total: { type: 'string' },
    meetings: { type: 'string' },
  },
});

if (args.child) {
  const result = await child();
  console.log(JSON.stringify(result));
  process.exit(result.ok ? 0 : 1);
} else {
  await main();
}

function runChild(target, mode, total, meetings) {
  const res = spawnSync(
    process.execPath,
    [
      new URL(import.meta.url).pathname,
      '--child',
      '--target',
      target,
      '--mode',
      mode,
      '--total',
      String(total),
      '--meetings',
      String(meetings),
      '--history',
      args.history,
      '--concurrency',
      args.concurrency,
      '--store',
      args.store,
    ],
    { encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 64 << 20 },
  );
  const line = res.stdout.trim().split('\n').at(-1) ?? '';
  if (res.status !== 0) console.error(res.stderr.slice(-2000));
  try {
    return JSON.parse(line);
  } catch {
    return { ok: false, error: `no result (exit ${res.status ?? res.signal})` };
  }
}

async function main() {
  const modes = args.modes.split(',');
  const rows = [];
  let failed = false;
  for (let run = 1; run <= Number(args.runs); run++) {
    let burstRate = null;
    for (const mode of modes) {
      const meetings = mode === 'burst' ? 1 : 100;
      const total = mode === 'burst' ? 2000 : Math.round(Number(args.seconds) * (burstRate ?? 1000));
      const floor = runChild('floor', mode, total, meetings);
      const bot = runChild('bot', mode, total, meetings);
      if (mode === 'burst') burstRate = bot.callbacksPerSecond ?? null;
      failed ||= !floor.ok || !bot.ok;
      rows.push({
        run,
        mode,
        meetings,
        callbacks: total,
        history: Number(args.history),
        store: args.store.startsWith('postgres') ? 'postgres' : 'sqlite',
        floor,
        bot,
        ratio: {
          throughput: +(bot.callbacksPerSecond / floor.callbacksPerSecond).toFixed(2),
          p99: +(bot.latencyMs?.p99 / floor.latencyMs?.p99).toFixed(2),
          cpu: +(bot.cpuMsPerCallback / floor.cpuMsPerCallback).toFixed(2),
          cpuWithDb: +(
            (bot.cpuMsPerCallback + bot.dbCpuMsPerCallback) /
            (floor.cpuMsPerCallback + floor.dbCpuMsPerCallback)
          ).toFixed(2),
        },
      });
    }
  }
  console.log(JSON.stringify(rows, null, 2));
  console.log(
    '\nrun mode       store    history  floor cb/s  bot cb/s  ratio  floor p99  bot p99  p99 ratio  CPU ms floor/bot  DB CPU ms floor/bot  cards exact',
  );
  for (const r of rows) {
    console.log(
      [
        String(r.run).padEnd(3),
        r.mode.padEnd(10),
        r.store.padEnd(8),
        String(r.history).padStart(7),
        String(r.floor.callbacksPerSecond).padStart(11),
        String(r.bot.callbacksPerSecond).padStart(9),
        String(r.ratio.throughput).padStart(6),
        String(r.floor.latencyMs?.p99).padStart(10),
        String(r.bot.latencyMs?.p99).padStart(8),
        String(r.ratio.p99).padStart(10),
        `${r.floor.cpuMsPerCallback}/${r.bot.cpuMsPerCallback}`.padStart(18),
        (r.store === 'postgres' ? `${r.floor.dbCpuMsPerCallback}/${r.bot.dbCpuMsPerCallback}` : '-').padStart(
          20,
        ),
        `${r.bot.cardsExact}/${r.meetings}`.padStart(12),
      ].join(' '),
    );
  }
  if (failed) {
    console.error('FAILED: a run did not answer every callback or left a card inexact');
    process.exit(1);
  }
}

/**
 * BENCH_PROFILE=dir writes a CPU profile of the measured run only (no set-up or checks) to
 * dir/<target>-<mode>-<pid>.cpuprofile; a no-op otherwise.
 */
async function profileStart() {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return { stop: async () => undefined };
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(
        join(dir, `${args.target}-${args.mode}-${process.pid}.cpuprofile`),
        JSON.stringify(profile),
      );
      session.disconnect();
    },
  };
}

/** One measured run of the bot or the floor in this process. */
async function child() {
  const tag = Math.random().toString(36).slice(2, 8);
  const meetings = Number(args.meetings);
  const concurrency = Number(args.concurrency);
  const { events, expected } = workload({ meetings, total: Number(args.total), tag });
  const requests = await Promise.all(events.map(signed));
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-'));
  let storeUrl = args.store === 'sqlite' ? `sqlite:${join(dir, 'bench.db')}` : args.store;
  let dropSchema = async () => undefined;
  let serverCpuMs = async () => 0;
  if (storeUrl.startsWith('postgres')) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: storeUrl });
    await admin.connect();
    const schema = `bench_${tag}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const u = new URL(storeUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    storeUrl = u.toString();
    dropSchema = async () => {
      // BENCH_KEEP_SCHEMA=1 leaves the run's tables for inspection (EXPLAIN, pg_stat_user_tables).
      if (process.env.BENCH_KEEP_SCHEMA) console.error(`kept schema ${schema}`);
      else await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    };
    // The Postgres server's CPU on this host: the backends of this database other than our own
    // admin connection (the run's pool), read from /proc. A backend that starts mid-run counts from 0.
    serverCpuMs = async () => {
      const { rows } = await admin.query(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      return rows.reduce((sum, r) => sum + procCpuMs(r.pid), 0);
    };
  }
  const side = args.target === 'floor' ? await floorSide(storeUrl) : await botSide(storeUrl, tag, meetings);
  await warmUp(side.url, concurrency);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const serverBefore = await serverCpuMs();
  const profiler = await profileStart();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { latencies, statuses } = await drive(side.url, requests, concurrency);
  const answeredMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await profiler.stop();
  const serverMs = (await serverCpuMs()) - serverBefore;
  loop.disable();
  const checked = await side.check(expected);
  await side.close();
  await dropSchema();
  rmSync(dir, { recursive: true, force: true });
  const accepted = statuses.get(200) ?? 0;
  return {
    target: args.target,
    callbacks: events.length,
    accepted,
    callbacksPerSecond: Math.round(events.length / (answeredMs / 1000)),
    latencyMs: {
      p50: +pct(latencies, 50).toFixed(1),
      p99: +pct(latencies, 99).toFixed(1),
      max: +latencies.at(-1).toFixed(1),
    },
    // Process CPU (server and the in-process clients together) per callback, while answering.
    cpuMsPerCallback: +((cpu.user + cpu.system) / 1000 / events.length).toFixed(3),
    // Postgres server CPU per callback (0 on SQLite, which runs in the process above).
    dbCpuMsPerCallback: +(serverMs / events.length).toFixed(3),
    eventLoopDelayMs: { p99: +(loop.percentile(99) / 1e6).toFixed(1), max: +(loop.max / 1e6).toFixed(1) },
    seconds: +(answeredMs / 1000).toFixed(1),
    ...checked,
    ok: accepted === events.length && checked.ok,
  };
}

async function floorSide(storeUrl) {
  const { startFloor } = await import('./callbacks-floor.mjs');
  const floor = await startFloor(storeUrl, SECRET);
  return { url: floor.url, check: async () => ({ ok: true }), close: () => floor.close() };
}

async function botSide(storeUrl, tag, meetings) {
  const { CardRefresher } = await import('../dist/src/cards/refresher.js');
  const { LiveCards } = await import('../dist/src/cards/service.js');
  const { mountCallbacks } = await import('../dist/src/events/index.js');
  const { silentLogger } = await import('../dist/src/log.js');
  const { registry } = await import('../dist/src/metrics.js');
  const { createHttpServer } = await import('../dist/src/server.js');
  const { openStore } = await import('../dist/src/store/index.js');

  // A publisher standing in for Slack/Discord: records every edit of every card and when.
  const views = new Map();
  const edits = new Map();
  const publisher = {
    platform: 'slack',
    async post(place, view) {
      views.set(place.channelId, view);
      return {
        platform: 'slack',
        teamId: place.teamId,
        channelId: place.channelId,
        messageId: place.channelId,
      };
    },
    async update(ref, view) {
      views.set(ref.messageId, view);
      (edits.get(ref.messageId) ?? edits.set(ref.messageId, []).get(ref.messageId)).push(Date.now());
    },
  };
  const store = await openStore(storeUrl, { log: silentLogger });
  const cards = new LiveCards({ store, log: silentLogger });
  cards.registerPublisher(publisher);
  const refresher = new CardRefresher({ cards, log: silentLogger });
  const server = createHttpServer({ log: silentLogger, metrics: registry });
  const ingestor = mountCallbacks(server, {
    store,
    cards,
    log: silentLogger,
    auth: { signatureSecret: SECRET, pathToken: 'unused-'.repeat(5) },
  });
  const { url } = await server.listen(0, '127.0.0.1');
  const ids = [];
  for (let m = 0; m < meetings; m++) {
    const id = `b${tag}-${m}`;
    ids.push(id);
    await store.createMeeting(
      activeMeeting({
        id,
        sessionId: sessionOf(tag, m),
        channelId: `C${tag}-${m}`,
        title: 'Callback benchmark',
      }),
    );
    await addHistory(store, id, Number(args.history));
    await cards.post(id);
  }
  refresher.start();
  const startedAt = Date.now();
  return {
    url,
    async check(expected) {
      await ingestor.idle();
      while ((await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 1)).length > 0)
        await new Promise((r) => setTimeout(r, 20));
      const budget = Math.floor((Date.now() - startedAt) / 1000) + 1;
      let exact = 0;
      const wrong = [];
      for (let m = 0; m < meetings; m++) {
        const want = expected[m];
        const view = views.get(`C${tag}-${m}`);
        const listed = view.blocks.find((b) => b.type === 'text').text;
        const line = (p) => `• **${p.name}**${p.kinds.length ? ` — ${p.kinds.join(', ')}` : ''}`;
        const wantText = [
          ...want.slice(0, 10).map(line),
          ...(want.length > 10 ? [`and ${want.length - 10} more`] : []),
        ].join('\n');
        const count = view.blocks
          .find((b) => b.type === 'fields')
          .fields.find((f) => f.label === 'Participants').value;
        const live = await store.listStreams(ids[m]);
        const wantStreams = liveStreams(want);
        if (listed === wantText && count === String(want.length) && live.length === wantStreams) exact++;
        else if (wrong.length < 3)
          wrong.push({
            meeting: m,
            listed: listed.slice(0, 300),
            want: wantText.slice(0, 300),
            count,
            liveStreams: live.length,
            wantStreams,
          });
      }
      const maxEdits = Math.max(0, ...[...edits.values()].map((e) => e.length));
      return {
        cardsExact: exact,
        maxEditsPerCard: maxEdits,
        editBudget: budget,
        wrong,
        ok: exact === meetings && maxEdits <= budget,
      };
    },
    async close() {
      await refresher.stop();
      for (const id of ids) await store.updateMeeting(id, { status: 'ended', endedAt: Date.now() });
      await server.close();
      await store.close();
    },
  };
}

/** User + system CPU ms of process `pid` so far (0 once it has exited). */
function procCpuMs(pid) {
  // Times in /proc/<pid>/stat are in Linux's USER_HZ, 100 per second on every Linux this runs on.
  // (A function-local constant: the module's top-level await runs child() before later declarations.)
  const clockTicks = 100;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return 0;
  }
}

/** Live streams the model expects: one per kind each present person publishes. */
function liveStreams(want) {
  return want.reduce((n, p) => n + p.kinds.length, 0);
}

/** Gives a meeting `count` participants who joined, published and left before the run. */
async function addHistory(store, meetingId, count) {
  const t0 = Date.now() - 7200_000;
  for (let start = 0; start < count; start += 500) {
    const writes = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const at = t0 + i;
      writes.push(
        {
          kind: 'connection',
          record: {
            meetingId,
            connectionId: `past-${i}`,
            kind: 'user',
            userId: `P${i}`,
            name: `Past ${i}`,
            joinedAt: at,
            leftAt: at + 1,
            reason: 'clientDisconnected',
            seq: at + 1,
          },
        },
        {
          kind: 'stream',
          record: {
            meetingId,
            streamId: `past-s-${i}`,
            connectionId: `past-${i}`,
            videoType: 'camera',
            name: `Past ${i}`,
            muted: false,
            createdAt: at,
            destroyedAt: at + 1,
            reason: 'clientDisconnected',
            seq: at + 1,
          },
        },
      );
    }
    await store.commit(writes);
  }
}
