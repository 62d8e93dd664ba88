// Callback benchmark: the bot's whole callback path (HTTP -> verify -> parse -> one unit of work per
// callback, group-committed -> card refresher -> a recording publisher) against its floor (a bare
// server that verifies the same way, parses and inserts one row: bench/callbacks-floor.mjs), the
// same signed workload for both, each in a process of its own.
//   burst:     2,000 callbacks for one meeting, fully shuffled, 50 concurrent clients; --bursts B
//              bursts (default 5), each for a meeting of its own
//   sustained: ~30 s of callbacks over 100 meetings (sized from the bursts' rate), 50 clients, in
//              --segments K consecutive slices (default 6)
// Interleaved: both processes are started and set up first, then the floor and the bot take turns,
// one burst or one slice each (floor first in even turns, bot first in odd ones), each process
// idle while the other is driven. This host's speed moves by 15-20 % over tens of seconds (the
// same code's CPU per callback 0.48-0.58 ms in four runs minutes apart, stop 35), so a floor and a
// bot measured one after the other for 30 s each were often measured at different speeds; taking
// turns every few seconds measures both across the same moments. Throughput is each side's
// callbacks over its own driving time; p99 is over all of a side's answers.
// Checks: every callback answered 200 and every meeting's final card exact (participants, count,
// live streams), card edits at most one per second per card plus one. Exits non-zero otherwise.
// Runs the compiled code: `npm run build` first.
//
//   node bench/callbacks-bench.mjs [--modes burst,sustained] [--seconds 30] [--history 0]
//        [--concurrency 50] [--store sqlite|postgres://...] [--runs 1] [--bursts 5] [--segments 6]
// --history H gives every meeting H participants who already left (and their streams) before the
// run, to show that the cost per callback does not grow with a meeting's past.
// BENCH_PROFILE=<dir> writes a CPU profile of each side's driven turns (bot and floor) into <dir>.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
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
    bursts: { type: 'string', default: '5' },
    segments: { type: 'string', default: '6' },
    // Child mode (one measured run in this process).
    child: { type: 'boolean', default: false },
    target: { type: 'string' },
    mode: { type: 'string' },
    total: { type: 'string' },
    meetings: { type: 'string' },
  },
});

/** One side (the floor or the bot) of one mode in a process of its own, driven turn by turn. */
class Side {
  constructor(target, mode, total, meetings, turns) {
    this.target = target;
    this.proc = spawn(
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
        '--segments',
        String(turns),
        '--history',
        args.history,
        '--concurrency',
        args.concurrency,
        '--store',
        args.store,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    this.lines = createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve(code ?? signal)));
  }

  /** The child's next line as JSON; rejects when it exits instead. */
  async next() {
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`the ${this.target} process exited (${await this.exited})`);
    return JSON.parse(value);
  }

  /** Drives turn `i` (one burst, or one slice of the sustained workload). */
  async turn(i) {
    this.proc.stdin.write(`go ${i}\n`);
    return this.next();
  }

  /** Ends the driving; the child checks its cards and answers its totals. */
  async finish() {
    this.proc.stdin.end('end\n');
    try {
      return await this.next();
    } catch (err) {
      return { ok: false, error: String(err.message) };
    }
  }
}

/** Runs one mode: both sides set up, then their turns interleaved (see the top of this file). */
async function runMode(mode, total, meetings, turns) {
  const floor = new Side('floor', mode, total, meetings, turns);
  const bot = new Side('bot', mode, total, meetings, turns);
  try {
    await Promise.all([floor.next(), bot.next()]);
    for (let i = 0; i < turns; i++)
      for (const side of i % 2 === 0 ? [floor, bot] : [bot, floor]) await side.turn(i);
  } catch (err) {
    console.error(String(err.message));
  }
  return Promise.all([floor.finish(), bot.finish()]);
}

async function main() {
  const modes = args.modes.split(',');
  const rows = [];
  let failed = false;
  for (let run = 1; run <= Number(args.runs); run++) {
    let burstRate = null;
    for (const mode of modes) {
      // A burst: 2,000 callbacks for one meeting, `--bursts` times (a meeting each).
      const meetings = mode === 'burst' ? 1 : 100;
      const turns = Number(mode === 'burst' ? args.bursts : args.segments);
      const total = mode === 'burst' ? 2000 : Math.round(Number(args.seconds) * (burstRate ?? 1000));
      const [floor, bot] = await runMode(mode, total, meetings, turns);
      if (mode === 'burst') burstRate = bot.callbacksPerSecond ?? null;
      failed ||= !floor.ok || !bot.ok;
      rows.push({
        run,
        mode,
        meetings,
        callbacks: bot.callbacks ?? total,
        turns,
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
          // Each turn's own ratio (bot/floor callbacks per second): how steady the host was.
          turns: (bot.turnRates ?? []).map((r, i) => +(r / floor.turnRates[i]).toFixed(2)),
          turnsP99: (bot.turnP99s ?? []).map((p, i) => +(p / floor.turnP99s[i]).toFixed(2)),
        },
      });
    }
  }
  console.log(JSON.stringify(rows, null, 2));
  console.log(
    '\nrun mode       store    history  floor cb/s  bot cb/s  ratio  floor p99  bot p99  p99 ratio  CPU ms floor/bot  DB CPU ms floor/bot  loop ms floor/bot  cards exact  ratio per turn (p99 ratio per turn)',
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
        `${r.floor.loopBusyMsPerCallback}/${r.bot.loopBusyMsPerCallback}`.padStart(18),
        `${r.bot.cardsExact}/${r.mode === 'burst' ? r.turns : r.meetings}`.padStart(12),
        ` ${r.ratio.turns.join(' ')} (p99 ${r.ratio.turnsP99.join(' ')})`,
      ].join(' '),
    );
  }
  // Each side's cost per callback turn by turn: a side whose cost grows over the run shows here.
  console.log(
    '\nrun mode       loop ms per callback by turn, floor | bot (Postgres server CPU ms, floor | bot)',
  );
  for (const r of rows) {
    const db =
      r.store === 'postgres' ? `  (${r.floor.turnDbMs?.join(' ')} | ${r.bot.turnDbMs?.join(' ')})` : '';
    console.log(
      `${String(r.run).padEnd(3)} ${r.mode.padEnd(10)} ${r.floor.turnLoopMs?.join(' ')} | ${r.bot.turnLoopMs?.join(' ')}${db}`,
    );
  }
  if (failed) {
    console.error('FAILED: a run did not answer every callback or left a card inexact');
    process.exit(1);
  }
}

/**
 * BENCH_PROFILE=dir writes a CPU profile from the first turn to the last (no set-up or checks; the
 * waits between turns show as idle) to dir/<target>-<mode>-<pid>.cpuprofile; a no-op otherwise.
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

/** One side (the bot or the floor) in this process: set up, then driven turn by turn as the parent says. */
async function child() {
  const tag = Math.random().toString(36).slice(2, 8);
  const turns = Number(args.segments);
  const concurrency = Number(args.concurrency);
  // Bursts: one fully shuffled meeting per turn. Sustained: one workload over the meetings, each
  // turn the next slice of it (the meetings' timelines move on from one turn to the next).
  let meetings = Number(args.meetings);
  let events;
  let expected;
  let slices;
  if (args.mode === 'burst') {
    meetings = turns;
    const bursts = Array.from({ length: turns }, (_, m) => {
      const w = workload({ meetings: 1, total: Number(args.total), tag, seed: 7 + m });
      for (const e of w.events) e.sessionId = sessionOf(tag, m);
      return w;
    });
    events = bursts.flatMap((w) => w.events);
    expected = bursts.map((w) => w.expected[0]);
    slices = bursts.map((_, m) => [m * Number(args.total), (m + 1) * Number(args.total)]);
  } else {
    ({ events, expected } = workload({ meetings, total: Number(args.total), tag }));
    slices = Array.from({ length: turns }, (_, i) => [
      Math.floor((i * events.length) / turns),
      Math.floor(((i + 1) * events.length) / turns),
    ]);
  }
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
    // The schema, and a name for the floor's backends (the bot's store names its own, see serverCpuMs).
    u.searchParams.set('options', `-c search_path=${schema} -c application_name=${schema}`);
    storeUrl = u.toString();
    dropSchema = async () => {
      // BENCH_KEEP_SCHEMA=1 leaves the run's tables for inspection (EXPLAIN, pg_stat_user_tables).
      if (process.env.BENCH_KEEP_SCHEMA) console.error(`kept schema ${schema}`);
      else await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    };
    // The Postgres server's CPU on this host: this side's backends (its pool), read from /proc. A
    // backend that starts mid-run counts from 0. (One bench at a time on the database.)
    serverCpuMs = async () => {
      // The store names its connections itself (src/store/index.ts), so the bot's are those.
      const { rows } = await admin.query(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
        [args.target === 'bot' ? 'video-chatops' : schema],
      );
      return rows.reduce((sum, r) => sum + procCpuMs(r.pid), 0);
    };
  }
  const side = args.target === 'floor' ? await floorSide(storeUrl) : await botSide(storeUrl, tag, meetings);
  await warmUp(side.url, concurrency);
  // The loop's delay per turn (a monitor left on across the idle time between turns would count
  // the gap as one long delay): the worst turn's p99 and max are reported.
  let loopP99 = 0;
  let loopMax = 0;
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  const profiler = await profileStart();
  // Totals over the driven turns only (the process idles while the other side is driven; the GC
  // observer, too, is on only while driving).
  let answeredMs = 0;
  let cpuMs = 0;
  let loopMs = 0;
  let serverMs = 0;
  const latencies = [];
  const statuses = new Map();
  const turnRates = [];
  const turnP99s = [];
  // Each turn's loop time and Postgres server CPU per callback: whether a side's cost grows over
  // the run (the sustained meetings fill up as it goes).
  const turnLoopMs = [];
  const turnDbMs = [];
  const say = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
  say({ ready: true });
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'end') break;
    const [from, to] = slices[Number(line.split(' ')[1])];
    const serverBefore = await serverCpuMs();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    gc.observe({ entryTypes: ['gc'] });
    const cpuBefore = process.cpuUsage();
    const eluBefore = performance.eventLoopUtilization();
    const started = performance.now();
    const driven = await drive(side.url, requests.slice(from, to), concurrency);
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const active = performance.eventLoopUtilization(eluBefore).active;
    loopMs += active;
    turnLoopMs.push(+(active / (to - from)).toFixed(3));
    gc.disconnect();
    loop.disable();
    loopP99 = Math.max(loopP99, loop.percentile(99) / 1e6);
    loopMax = Math.max(loopMax, loop.max / 1e6);
    const server = (await serverCpuMs()) - serverBefore;
    serverMs += server;
    turnDbMs.push(+(server / (to - from)).toFixed(3));
    answeredMs += ms;
    cpuMs += (cpu.user + cpu.system) / 1000;
    for (const l of driven.latencies) latencies.push(l);
    turnP99s.push(+pct(driven.latencies, 99).toFixed(1));
    for (const [status, n] of driven.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
    turnRates.push(Math.round((to - from) / (ms / 1000)));
    // The bot's last card edits of the turn (at most one per card, as the refresher allows) run
    // before the other side's turn starts, on nobody's clock, instead of during it.
    await side.settle();
    say({ turn: true, callbacks: to - from, seconds: +(ms / 1000).toFixed(2) });
  }
  await profiler.stop();
  latencies.sort((a, b) => a - b);
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
    turnRates,
    turnLoopMs,
    turnDbMs,
    turnP99s,
    latencyMs: {
      p50: +pct(latencies, 50).toFixed(1),
      p99: +pct(latencies, 99).toFixed(1),
      max: +latencies.at(-1).toFixed(1),
    },
    // Process CPU (server and the in-process clients together) per callback, while answering.
    cpuMsPerCallback: +(cpuMs / events.length).toFixed(3),
    // Postgres server CPU per callback (0 on SQLite, which runs in the process above).
    dbCpuMsPerCallback: +(serverMs / events.length).toFixed(3),
    // The event loop's busy time per callback (the clients' share included): what bounds the
    // callbacks per second when other threads have a core of their own.
    loopBusyMsPerCallback: +(loopMs / events.length).toFixed(3),
    // Garbage collection's pauses per callback, and the heap at the end.
    gcMsPerCallback: +(gcMs / events.length).toFixed(3),
    heapMiB: Math.round(process.memoryUsage().heapTotal / 2 ** 20),
    eventLoopDelayMs: { p99: +loopP99.toFixed(1), max: +loopMax.toFixed(1) },
    seconds: +(answeredMs / 1000).toFixed(1),
    ...checked,
    ok: accepted === events.length && checked.ok,
  };
}

async function floorSide(storeUrl) {
  const { startFloor } = await import('./callbacks-floor.mjs');
  const floor = await startFloor(storeUrl, SECRET);
  return {
    url: floor.url,
    settle: async () => undefined,
    check: async () => ({ ok: true }),
    close: () => floor.close(),
  };
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
    async settle() {
      await ingestor.idle();
      while ((await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 1)).length > 0)
        await new Promise((r) => setTimeout(r, 20));
    },
    async check(expected) {
      await this.settle();
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

// Last: the module's top-level await would otherwise run before the class and functions above exist.
if (args.child) {
  const result = await child();
  // Written synchronously (stdout is a pipe): nothing is lost to the exit.
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(result.ok ? 0 : 1);
} else {
  await main();
}
