// Discord interactions against the bot and its same-work floor, in the same run: Ed25519-signed
// interactions at concurrency 50 to the running bot (bench/discord-bench-server.mjs) and to a bare
// endpoint that verifies, answers the first response, makes one Video API call and sends one
// webhook message (bench/discord-floor.mjs). The emulator and the fake Discord REST API (which counts
// result messages) run in their own processes. Reports, each as bot/floor ratio: completed
// interactions/s (result messages / (load time + drain)), CPU per interaction (each process's own
// CPU time), first-response p99; then an overload check: open-loop load at a fraction of the floor's
// measured capacity against the bot, counting "busy" answers.
// Usage: npm run build && node bench/discord-bench.mjs [--seconds 10] [--warmup 5] [--concurrency 50] [--open 0.8] [--mix read|mute]
//   read (default): /video status, /video participants and card Join clicks in turn.
//   mute: /video mute all and /video mute off in turn (one Video API call and a state change each).
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', 10));
const WARMUP = Number(arg('warmup', 5));
const CONCURRENCY = Number(arg('concurrency', 50));
const OPEN = Number(arg('open', 0.8));
const MIX = arg('mix', 'read');
const CHANNELS = 10;
const APP = '111111111111111111';
const CALLBACK_SECRET = 'bench-callback-secret-0123456789';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

const line = async (proc) => JSON.parse((await once(createInterface({ input: proc.stdout }), 'line'))[0]);
const node = (file, env = {}, stdin = 'ignore') =>
  spawn(process.execPath, [...(env.prof ?? []), new URL(file, import.meta.url).pathname], {
    stdio: [stdin, 'pipe', 'inherit'],
    env: { ...process.env, ...env.vars },
  });
const fakeProc = node('./discord-fake-api.mjs');
const fake = await line(fakeProc);
const emuProc = node('./slack-emulator.mjs', { vars: { BENCH_CALLBACK_SECRET: CALLBACK_SECRET } }, 'pipe');
const emu = await line(emuProc);
const vars = {
  BENCH_EMULATOR: JSON.stringify(emu),
  BENCH_DISCORD_API: fake.url,
  BENCH_DISCORD_PUBLIC_KEY: publicKeyHex,
  BENCH_CALLBACK_SECRET: CALLBACK_SECRET,
  BENCH_CHANNELS: String(CHANNELS),
};
const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
const botProc = node('./discord-bench-server.mjs', { vars, prof });
// BENCH_PROF profiles the floor too, so the two profiles can be compared per command.
const floorProc = node('./discord-floor.mjs', { vars, prof });
const botInfo = await line(botProc);
const bot = botInfo.url;
const floor = (await line(floorProc)).url;
emuProc.stdin.write(`callback ${bot}/vonage/events\n`);
const statsUrl = fake.url.replace(/\/api$/, '/stats');

let seq = 0;
/** The next interaction of the mix. */
function next() {
  const n = ++seq;
  const c = n % CHANNELS;
  const slash = (name, options = []) => ({
    type: 2,
    data: { name: 'video', options: [{ type: 1, name, options }] },
  });
  const kinds =
    MIX === 'mute'
      ? [
          () => slash('mute', [{ type: 3, name: 'target', value: 'all' }]),
          () => slash('mute', [{ type: 3, name: 'target', value: 'off' }]),
        ]
      : [
          () => slash('status'),
          () => slash('participants'),
          () => ({ type: 3, data: { custom_id: `v1|join|${botInfo.meetings[c]}|`, component_type: 2 } }),
        ];
  const user = `u${n % 500}`;
  return {
    id: String(2_000_000_000_000_000n + BigInt(n)),
    application_id: APP,
    token: `load-${n}`,
    guild_id: 'g1',
    channel_id: `c${c}`,
    member: { user: { id: user, username: user }, permissions: String(1n << 22n), roles: [] },
    ...kinds[n % kinds.length](),
  };
}

/** Sends one signed interaction; records its first-response latency, a "busy" answer or an error. */
async function one(pool, into) {
  const body = JSON.stringify(next());
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = {
    'content-type': 'application/json',
    'x-signature-ed25519': sign(null, Buffer.from(ts + body), privateKey).toString('hex'),
    'x-signature-timestamp': ts,
  };
  const t0 = performance.now();
  try {
    const res = await pool.request({ method: 'POST', path: '/discord/interactions', headers, body });
    const text = await res.body.text();
    if (res.statusCode === 200 && !text.includes('very busy')) into.lat.push(performance.now() - t0);
    else if (res.statusCode === 200) into.shed++;
    else into.errors++;
  } catch {
    into.errors++;
  }
}

const run = () => ({ lat: [], errors: 0, shed: 0, elapsed: 0, drain: 0, results: 0, cpu: 0 });

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

async function open(base, rate, seconds, into) {
  const pool = new Pool(base, { connections: 256, pipelining: 1 });
  const started = performance.now();
  const sent = [];
  for (let k = 0; k < rate * seconds; k++) {
    const wait = started + (k * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sent.push(one(pool, into));
  }
  await Promise.all(sent);
  into.elapsed += (performance.now() - started) / 1000;
  await pool.close();
}

const stats = async () => (await fetch(statsUrl)).json();
const cpuOf = async (base) => (await (await fetch(`${base}/_cpu`)).json()).ms;

async function drain(from, n) {
  const t = performance.now();
  while ((await stats()).results - from < n && performance.now() - t < 60_000)
    await new Promise((r) => setTimeout(r, 10));
  return performance.now() - t;
}

async function slice(base, seconds, into, load = (b, r) => closed(b, seconds, r)) {
  const c0 = await cpuOf(base);
  const r0 = (await stats()).results;
  const before = into.lat.length;
  await load(base, into);
  into.drain += await drain(r0, into.lat.length - before);
  into.results += (await stats()).results - r0;
  into.cpu += (await cpuOf(base)) - c0;
}

function summary(r) {
  const lat = [...r.lat].sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  return {
    answered: lat.length,
    errors: r.errors,
    shed: r.shed,
    results: r.results,
    completedPerSec: r.results / (r.elapsed + r.drain / 1000),
    cpuMsPerInteraction: r.cpu / Math.max(1, r.results),
    p50: q(0.5),
    p99: q(0.99),
    max: lat.at(-1) ?? NaN,
  };
}

// Warm-up (JIT, connection pools, caches): WARMUP one-second slices of each side, taking turns.
// One second each was too little for the bot, a larger program: measured right after it, its CPU
// per interaction was 0.344-0.349 ms against 0.322-0.331 after five (the floor's 0.245-0.248 either
// way; docs/bench/discord.md, "Stop 37"), so the ratio partly measured its start-up. Then bot and
// floor alternate in 1 s slices so both see the same machine load; each slice's results drain
// before the next starts, the drain counting against it.
for (let s = 0; s < WARMUP; s++) {
  await slice(bot, 1, run());
  await slice(floor, 1, run());
}
await new Promise((r) => setTimeout(r, 500));
const load1 = loadavg()[0];
const botRun = run();
const floorRun = run();
for (let s = 0; s < SECONDS; s++) {
  const order =
    s % 2 === 0
      ? [
          [bot, botRun],
          [floor, floorRun],
        ]
      : [
          [floor, floorRun],
          [bot, botRun],
        ];
  for (const [base, into] of order) await slice(base, 1, into);
}
const b = summary(botRun);
const f = summary(floorRun);
const rate = Math.max(1, Math.round(OPEN * f.completedPerSec));
const botOpen = run();
const floorOpen = run();
await slice(bot, 3, botOpen, (base, into) => open(base, rate, 3, into));
await slice(floor, 3, floorOpen, (base, into) => open(base, rate, 3, into));
const bo = summary(botOpen);
const fo = summary(floorOpen);
const load2 = loadavg()[0];
const { cardWrites } = await stats();

const fmt = (r) =>
  `${r.completedPerSec.toFixed(0).padStart(5)} completed/s  first response p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} max ${r.max.toFixed(0)} ms  CPU ${r.cpuMsPerInteraction.toFixed(3)} ms/interaction  answered ${r.answered} results ${r.results} shed ${r.shed} errors ${r.errors}`;
console.log(
  `Discord interactions, concurrency ${CONCURRENCY}, ${SECONDS} s each, mix ${MIX}, load average ${load1.toFixed(2)} -> ${load2.toFixed(2)}`,
);
console.log(`bot  : ${fmt(b)}`);
console.log(`floor: ${fmt(f)}`);
console.log(
  `ratios bot/floor: completed ${(b.completedPerSec / f.completedPerSec).toFixed(2)} (target >= 0.70), CPU/interaction ${(b.cpuMsPerInteraction / f.cpuMsPerInteraction).toFixed(2)}x (<= 1.4), first-response p99 ${(b.p99 / f.p99).toFixed(2)}x (<= 1.5; bot ${b.p99.toFixed(1)} ms, < 50 ms on a quiet host)`,
);
console.log(
  `overload, open loop at ${rate}/s (${OPEN} x floor capacity) for 3 s: bot shed ${bo.shed} of ${bo.answered + bo.shed + bo.errors} (errors ${bo.errors}, p99 ${bo.p99.toFixed(1)} ms, results ${bo.results}); floor shed ${fo.shed} (errors ${fo.errors}, p99 ${fo.p99.toFixed(1)} ms); card writes ${cardWrites}`,
);
if (process.env.BENCH_JSON)
  console.log(JSON.stringify({ load: [load1, load2], bot: b, floor: f, open: { rate, bot: bo, floor: fo } }));
for (const p of [botProc, floorProc, fakeProc, emuProc]) p.kill('SIGTERM');
await Promise.all([botProc, floorProc, fakeProc, emuProc].map((p) => once(p, 'exit')));
const lost = [b, f, bo, fo].filter((r) => r.errors > 0 || r.results < r.answered);
if (lost.length > 0) {
  console.error('FAILED: every interaction must get 200 and every answered one its result message.');
  process.exit(1);
}
