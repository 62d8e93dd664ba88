// Slack adapter benchmark: signed slash commands at concurrency 50 for 10 s against the running bot
// (emulator and fake Slack API in their own processes on loopback) and, in the same run, against a bare Bolt app with the same
// receiver that only acks. Reports ack latency p50/p99 and acked commands/s for both.
// Usage: npm run build && node bench/slack-bench.mjs [--seconds 10] [--concurrency 50]
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CONCURRENCY = arg('concurrency', 50);
const CHANNELS = 10;
const SECRET = 'bench-signing-secret';
const CALLBACK_SECRET = 'bench-callback-secret-0123456789';
const mixArg = process.argv.indexOf('--mix');
const MIX =
  mixArg > 0 ? process.argv[mixArg + 1].split(',') : ['status', 'participants', 'join', 'help', 'recordings'];

const fakeProc = spawn(process.execPath, [new URL('./slack-fake-api.mjs', import.meta.url).pathname], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const fake = JSON.parse((await once(createInterface({ input: fakeProc.stdout }), 'line'))[0]);
const emuProc = spawn(process.execPath, [new URL('./slack-emulator.mjs', import.meta.url).pathname], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, BENCH_CALLBACK_SECRET: CALLBACK_SECRET },
});
const emu = (await once(createInterface({ input: emuProc.stdout }), 'line'))[0];
const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
const child = spawn(
  process.execPath,
  [...prof, new URL('./slack-bench-server.mjs', import.meta.url).pathname],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      BENCH_SIGNING_SECRET: SECRET,
      BENCH_FAKE_SLACK_URL: fake.url,
      BENCH_EMULATOR: emu,
      BENCH_CALLBACK_SECRET: CALLBACK_SECRET,
    },
  },
);
const [line] = await once(createInterface({ input: child.stdout }), 'line');
const urls = { ...JSON.parse(line), fake: fake.url };
emuProc.stdin.write(`callback ${urls.full}/vonage/events\n`);

function signed(text, channel, fakeUrl) {
  const trigger = randomUUID();
  const body = new URLSearchParams({
    command: '/video',
    text,
    team_id: 'T1',
    channel_id: channel,
    user_id: 'U1',
    user_name: 'bench',
    trigger_id: trigger,
    response_url: `${fakeUrl}/respond/${trigger}`,
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

/** Closed-loop load: CONCURRENCY workers, each sending the next signed command when the last was acked. */
async function load(base, seconds, into = { lat: [], errors: 0, elapsed: 0 }) {
  const pool = new Pool(base, { connections: CONCURRENCY, pipelining: 1 });
  let n = into.lat.length + into.errors;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const i = n++;
      const { body, headers } = signed(MIX[i % MIX.length], `C${i % CHANNELS}`, urls.fake);
      const t0 = performance.now();
      try {
        const res = await pool.request({ method: 'POST', path: '/slack/events', headers, body });
        const text = await res.body.text();
        // A "busy" ack is load shedding, not a command: it is counted apart and not as throughput.
        if (res.statusCode === 200 && !text.includes('very busy')) into.lat.push(performance.now() - t0);
        else if (res.statusCode === 200) into.shed = (into.shed ?? 0) + 1;
        else into.errors++;
      } catch {
        into.errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  into.elapsed += (performance.now() - started) / 1000;
  await pool.close();
  return into;
}

function summary(r) {
  const lat = [...r.lat].sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  return {
    acked: lat.length,
    errors: r.errors,
    shed: r.shed ?? 0,
    perSec: lat.length / r.elapsed,
    p50: q(0.5),
    p99: q(0.99),
    max: lat.at(-1) ?? NaN,
  };
}

const stats = async () => (await fetch(`${urls.fake}/stats`)).json();
const cpu = async () => (await (await fetch(`${urls.bare}/_cpu`)).json()).ms;

// Warm-up: one meeting per channel (so status/join/participants have something to show), JIT warm.
for (let c = 0; c < CHANNELS; c++) {
  const { body, headers } = signed(`start Bench ${c}`, `C${c}`, urls.fake);
  await fetch(`${urls.full}/slack/events`, { method: 'POST', headers, body });
}
await load(urls.full, 1);
await load(urls.bare, 1);
await stats();
await new Promise((r) => setTimeout(r, 1000));

// Full bot and bare Bolt alternate in 1 s slices so both see the same machine load (the benchmark
// host is shared); each gets SECONDS in total. After each full-bot slice the bot's queued work (the
// replies) must drain before the bare slice starts, so the bare app never pays for it; that drain
// time counts against the full bot's completed-commands rate.
const fullRun = { lat: [], errors: 0, elapsed: 0 };
const bareRun = { lat: [], errors: 0, elapsed: 0 };
const before = await stats();
let drainMs = 0;
let fullCpu = 0;
let bareCpu = 0;
for (let s = 0; s < SECONDS; s++) {
  const c0 = await cpu();
  await load(urls.full, 1, fullRun);
  const t = performance.now();
  while ((await stats()).respond - before.respond < fullRun.lat.length && performance.now() - t < 60_000)
    await new Promise((r) => setTimeout(r, 20));
  drainMs += performance.now() - t;
  const c1 = await cpu();
  await load(urls.bare, 1, bareRun);
  const c2 = await cpu();
  fullCpu += c1 - c0;
  bareCpu += c2 - c1;
}
const after = await stats();
const replies = after.respond - before.respond;
const full = summary(fullRun);
const bare = summary(bareRun);

const fmt = (r) =>
  `${r.perSec.toFixed(0).padStart(6)} cmd/s  ack p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(1)} ms  acked ${r.acked}  shed ${r.shed}  errors ${r.errors}`;
console.log(`Slack slash commands, concurrency ${CONCURRENCY}, ${SECONDS} s each, mix ${MIX.join('/')}`);
console.log(`full bot : ${fmt(full)}`);
console.log(
  `           replies delivered ${replies}; completed ${(replies / (fullRun.elapsed + drainMs / 1000)).toFixed(0)} cmd/s counting ${(drainMs / 1000).toFixed(1)} s of drain`,
);
console.log(`bare Bolt: ${fmt(bare)}`);
console.log(
  `bot process CPU per command: full ${(fullCpu / full.acked).toFixed(3)} ms, bare ${(bareCpu / bare.acked).toFixed(3)} ms`,
);
console.log(
  `ratio full/bare: acked ${(full.perSec / bare.perSec).toFixed(2)}, completed ${(replies / (fullRun.elapsed + drainMs / 1000) / bare.perSec).toFixed(2)} (target >= 0.70); full ack p99 ${full.p99.toFixed(1)} ms (target < 50 ms)`,
);
child.kill('SIGTERM');
fakeProc.kill('SIGTERM');
emuProc.kill('SIGTERM');
await Promise.all([once(child, 'exit'), once(fakeProc, 'exit'), once(emuProc, 'exit')]);
