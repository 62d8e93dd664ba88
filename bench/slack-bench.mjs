// Slack slash commands against the bot and its same-work floor, in the same run: signed commands at
// concurrency 50 to the running bot (bench/slack-bench-server.mjs) and to a bare Bolt app on the same
// receiver that verifies, acks, makes one Video API call and posts one reply (bench/slack-floor.mjs).
// The emulator and the fake Slack API (which counts response_url replies) run in their own processes.
// Reports, each as bot/floor ratio: completed commands/s (replies delivered / (load time + drain)),
// CPU per command (each process's own CPU time), ack p99; then an overload check: open-loop load at
// a fraction of the floor's measured capacity against the bot, counting "busy" refusals.
// Usage: npm run build && node bench/slack-bench.mjs [--seconds 10] [--warmup 5] [--concurrency 50] [--open 0.8] [--mix read|mute|a,b]
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const WARMUP = arg('warmup', 5);
const CONCURRENCY = arg('concurrency', 50);
const OPEN = arg('open', 0.8);
const CHANNELS = 10;
const SECRET = 'bench-signing-secret';
const CALLBACK_SECRET = 'bench-callback-secret-0123456789';
// Named mixes as in discord-bench.mjs; anything else is a comma-separated list of command texts.
// (`--mix mute` once meant the text `mute` alone: a usage answer with no Video API call.)
const MIXES = {
  read: ['status', 'participants', 'join', 'help', 'recordings'],
  mute: ['mute all', 'mute off'],
};
const mixArg = process.argv.indexOf('--mix');
const mixName = mixArg > 0 ? process.argv[mixArg + 1] : 'read';
const MIX = MIXES[mixName] ?? mixName.split(',');

const line = async (proc) => JSON.parse((await once(createInterface({ input: proc.stdout }), 'line'))[0]);
const node = (file, env = {}, stdin = 'ignore') =>
  spawn(process.execPath, [...(env.prof ?? []), new URL(file, import.meta.url).pathname], {
    stdio: [stdin, 'pipe', 'inherit'],
    env: { ...process.env, ...env.vars },
  });
const fakeProc = node('./slack-fake-api.mjs');
const fake = await line(fakeProc);
const emuProc = node('./slack-emulator.mjs', { vars: { BENCH_CALLBACK_SECRET: CALLBACK_SECRET } }, 'pipe');
const emu = await line(emuProc);
const vars = {
  BENCH_SIGNING_SECRET: SECRET,
  BENCH_FAKE_SLACK_URL: fake.url,
  BENCH_EMULATOR: JSON.stringify(emu),
  BENCH_CALLBACK_SECRET: CALLBACK_SECRET,
};
const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
const botProc = node('./slack-bench-server.mjs', { vars, prof });
// BENCH_PROF profiles the floor too, so the two profiles can be compared per command.
const floorProc = node('./slack-floor.mjs', { vars, prof });
const bot = (await line(botProc)).full;
const floor = (await line(floorProc)).url;
emuProc.stdin.write(`callback ${bot}/vonage/events\n`);

function signed(text, channel) {
  const trigger = randomUUID();
  const body = new URLSearchParams({
    command: '/video',
    text,
    team_id: 'T1',
    channel_id: channel,
    user_id: 'U1',
    user_name: 'bench',
    trigger_id: trigger,
    response_url: `${fake.url}/respond/${trigger}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sig,
    },
  };
}

let seq = 0;
/** Sends one signed command; records its ack latency, a "busy" refusal or an error into `into`. */
async function one(pool, into) {
  const i = seq++;
  const { body, headers } = signed(MIX[i % MIX.length], `C${i % CHANNELS}`);
  const t0 = performance.now();
  try {
    const res = await pool.request({ method: 'POST', path: '/slack/events', headers, body });
    const text = await res.body.text();
    // A "busy" ack is load shedding, not a command: it is counted apart and not as throughput.
    if (res.statusCode === 200 && !text.includes('very busy')) into.lat.push(performance.now() - t0);
    else if (res.statusCode === 200) into.shed++;
    else into.errors++;
  } catch {
    into.errors++;
  }
}

const run = () => ({ lat: [], errors: 0, shed: 0, elapsed: 0, drain: 0, replies: 0, cpu: 0 });

/** Closed-loop load: CONCURRENCY workers, each sending the next command when the last was acked. */
async function closed(base, seconds, into) {
  const pool = new Pool(base, { connections: CONCURRENCY, pipelining: 1 });
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) await one(pool, into);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  into.elapsed += (performance.now() - started) / 1000;
  await pool.close();
}

/** Open-loop load: `rate` commands/s for `seconds`, whatever the answers do. */
async function open(base, rate, seconds, into) {
  const pool = new Pool(base, { connections: 256, pipelining: 1 });
  const started = performance.now();
  const sent = [];
  for (let k = 0; k < rate * seconds; k++) {
    const due = started + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sent.push(one(pool, into));
  }
  await Promise.all(sent);
  into.elapsed += (performance.now() - started) / 1000;
  await pool.close();
}

const stats = async () => (await fetch(`${fake.url}/stats`)).json();
const cpuOf = async (base) => (await (await fetch(`${base}/_cpu`)).json()).ms;

/** Waits until the fake Slack API has had `n` replies since `from`; returns the time it took (ms). */
async function drain(from, n) {
  const t = performance.now();
  while ((await stats()).respond - from < n && performance.now() - t < 60_000)
    await new Promise((r) => setTimeout(r, 10));
  return performance.now() - t;
}

/** One slice of load against `base`, its replies drained, its CPU and replies added to `into`. */
async function slice(base, seconds, into, load = (b, r) => closed(b, seconds, r)) {
  const c0 = await cpuOf(base);
  const r0 = (await stats()).respond;
  const before = into.lat.length;
  await load(base, into);
  into.drain += await drain(r0, into.lat.length - before);
  into.replies += (await stats()).respond - r0;
  into.cpu += (await cpuOf(base)) - c0;
}

function summary(r) {
  const lat = [...r.lat].sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  return {
    acked: lat.length,
    errors: r.errors,
    shed: r.shed,
    replies: r.replies,
    completedPerSec: r.replies / (r.elapsed + r.drain / 1000),
    cpuMsPerCommand: r.cpu / Math.max(1, r.replies),
    p50: q(0.5),
    p99: q(0.99),
    max: lat.at(-1) ?? NaN,
  };
}

// Warm-up: one meeting per channel (so status/join/participants have something to show), then
// WARMUP one-second slices of each side, taking turns, so that both are measured warm (JIT,
// connection pools, caches): one second each measured part of the bot's start-up (the Discord
// bench, docs/bench/discord.md, "Stop 37").
for (let c = 0; c < CHANNELS; c++) {
  const { body, headers } = signed(`start Bench ${c}`, `C${c}`);
  await fetch(`${bot}/slack/events`, { method: 'POST', headers, body });
}
for (let s = 0; s < WARMUP; s++) {
  await slice(bot, 1, run());
  await slice(floor, 1, run());
}
await new Promise((r) => setTimeout(r, 500));

// Bot and floor alternate in 1 s slices so both see the same machine load (the host is shared);
// each gets SECONDS in total, and each slice's replies drain before the next slice starts, the
// drain counting against that side's completed rate.
const load1 = loadavg()[0];
const botRun = run();
const floorRun = run();
for (let s = 0; s < SECONDS; s++) {
  if (s % 2 === 0) {
    await slice(bot, 1, botRun);
    await slice(floor, 1, floorRun);
  } else {
    await slice(floor, 1, floorRun);
    await slice(bot, 1, botRun);
  }
}
const b = summary(botRun);
const f = summary(floorRun);

// Overload: open-loop at OPEN x the floor's measured capacity, against the bot (then the floor).
const rate = Math.max(1, Math.round(OPEN * f.completedPerSec));
const botOpen = run();
const floorOpen = run();
await slice(bot, 3, botOpen, (base, into) => open(base, rate, 3, into));
await slice(floor, 3, floorOpen, (base, into) => open(base, rate, 3, into));
const bo = summary(botOpen);
const fo = summary(floorOpen);
const load2 = loadavg()[0];

const fmt = (r) =>
  `${r.completedPerSec.toFixed(0).padStart(5)} completed/s  ack p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} max ${r.max.toFixed(0)} ms  CPU ${r.cpuMsPerCommand.toFixed(3)} ms/cmd  acked ${r.acked} replies ${r.replies} shed ${r.shed} errors ${r.errors}`;
console.log(
  `Slack slash commands, concurrency ${CONCURRENCY}, ${SECONDS} s each, mix ${MIX.join('/')}, load average ${load1.toFixed(2)} -> ${load2.toFixed(2)}`,
);
console.log(`bot  : ${fmt(b)}`);
console.log(`floor: ${fmt(f)}`);
console.log(
  `ratios bot/floor: completed ${(b.completedPerSec / f.completedPerSec).toFixed(2)} (target >= 0.70), CPU/cmd ${(b.cpuMsPerCommand / f.cpuMsPerCommand).toFixed(2)}x (<= 1.4), ack p99 ${(b.p99 / f.p99).toFixed(2)}x (<= 1.5; bot ${b.p99.toFixed(1)} ms, < 50 ms on a quiet host)`,
);
console.log(
  `overload, open loop at ${rate}/s (${OPEN} x floor capacity) for 3 s: bot shed ${bo.shed} of ${bo.acked + bo.shed + bo.errors} (errors ${bo.errors}, ack p99 ${bo.p99.toFixed(1)} ms, replies ${bo.replies}); floor shed ${fo.shed} (errors ${fo.errors}, ack p99 ${fo.p99.toFixed(1)} ms)`,
);
if (process.env.BENCH_JSON)
  console.log(JSON.stringify({ load: [load1, load2], bot: b, floor: f, open: { rate, bot: bo, floor: fo } }));
for (const p of [botProc, floorProc, fakeProc, emuProc]) p.kill('SIGTERM');
await Promise.all([botProc, floorProc, fakeProc, emuProc].map((p) => once(p, 'exit')));
const lost = [b, f, bo, fo].filter((r) => r.errors > 0 || r.replies < r.acked);
if (lost.length > 0) {
  console.error('FAILED: every command must be acked with 200 and every acked command must get its reply.');
  process.exit(1);
}
