// REST benchmark: forceMuteAll and startArchive through ours, the official opentok SDK and a bare
// undici Pool with a cached auth header, against bench/floor-server.mjs in a child process.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { Pool } from 'undici';
import { VideoClient, encodeSessionId } from '../dist/src/video/index.js';
import { OpenTok as OursCompat } from '../dist/src/video/opentok.js';
import { load, percentile } from './client-measure.mjs';

const OpenTokOfficial = createRequire(import.meta.url)('opentok');
const API_KEY = '123456';
const SECRET = 'bench-secret-0123456789abcdef0123';

/** Starts the floor server in a child process and resolves with its base URL and a stop function. */
export async function startFloorServer() {
  const child = spawn(process.execPath, [new URL('./floor-server.mjs', import.meta.url).pathname], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('floor server did not start within 10 s')), 10_000);
    child.stdout.once('data', (d) => {
      clearTimeout(timer);
      resolve(JSON.parse(String(d)).port);
    });
    child.once('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { url: `http://127.0.0.1:${port}`, stop };
}

function bareAuth() {
  const iat = Math.floor(Date.now() / 1000);
  const input =
    Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url') +
    '.' +
    Buffer.from(JSON.stringify({ iss: API_KEY, ist: 'project', iat, exp: iat + 300 })).toString('base64url');
  return input + '.' + createHmac('sha256', SECRET).update(input).digest('base64url');
}

const cbCall = (fn) => new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));

/** Runs every (operation, concurrency, contender) combination; returns rows of results. */
export async function runRestBench({
  total = 5000,
  concurrencies = [1, 50],
  deadlineMs = 60_000,
  chunks = 10,
} = {}) {
  const server = await startFloorServer();
  const sid = encodeSessionId(API_KEY);
  const P = `/v2/project/${API_KEY}`;
  const pool = new Pool(server.url, { connections: 256 });
  const headers = {
    'x-opentok-auth': bareAuth(),
    accept: 'application/json',
    'content-type': 'application/json',
  };
  const muteBody = JSON.stringify({ active: true });
  const archiveBody = JSON.stringify({ sessionId: sid });
  const bare = {
    forceMuteAll: async () =>
      (
        await pool.request({ path: `${P}/session/${sid}/mute`, method: 'POST', headers, body: muteBody })
      ).body.dump(),
    startArchive: async () =>
      (await pool.request({ path: `${P}/archive`, method: 'POST', headers, body: archiveBody })).body.text(),
  };
  const client = new VideoClient({ apiKey: API_KEY, apiSecret: SECRET, baseUrl: server.url });
  const ours = { forceMuteAll: () => client.forceMuteAll(sid), startArchive: () => client.startArchive(sid) };
  const compat = new OursCompat(API_KEY, SECRET, server.url);
  const oursCompat = {
    forceMuteAll: () => cbCall((cb) => compat.forceMuteAll(sid, {}, cb)),
    startArchive: () => cbCall((cb) => compat.startArchive(sid, {}, cb)),
  };
  const official = new OpenTokOfficial(API_KEY, SECRET, server.url);
  const opentok = {
    forceMuteAll: () => cbCall((cb) => official.forceMuteAll(sid, {}, cb)),
    startArchive: () => cbCall((cb) => official.startArchive(sid, {}, cb)),
  };
  const contenders = { bare, ours, oursCompat, opentok };
  const rows = [];
  try {
    // One untimed pass per contender so JIT warm-up and connection set-up do not land in any round.
    for (const impl of Object.values(contenders)) {
      for (const op of ['forceMuteAll', 'startArchive'])
        await load(impl[op], { total: 1000, concurrency: 50, deadlineMs: 10_000 });
    }
    for (const op of ['forceMuteAll', 'startArchive']) {
      for (const concurrency of concurrencies) {
        // `total` calls per contender in `chunks` chunks, interleaved with rotating order, so drifting
        // background load on a shared machine hits every contender alike; throughput is the median
        // chunk's, latencies are pooled over all chunks.
        // The official SDK runs on its own afterwards: its socket churn and garbage would otherwise tax
        // whichever contender follows it.
        const names = Object.keys(contenders).filter((n) => n !== 'opentok');
        const acc = Object.fromEntries(
          names.map((n) => [
            n,
            { rates: [], lat: [], cpuUs: 0, errors: 0, completed: 0, timedOut: false, firstError: undefined },
          ]),
        );
        const size = Math.ceil(total / chunks);
        for (let k = 0; k < chunks; k++) {
          for (let j = 0; j < names.length; j++) {
            const name = names[(k + j) % names.length];
            const res = await load(contenders[name][op], {
              total: size,
              concurrency,
              deadlineMs: deadlineMs / chunks,
            });
            const a = acc[name];
            a.rates.push(res.opsPerSec);
            a.lat.push(...res.latencies);
            a.cpuUs += res.cpuUs;
            a.errors += res.errors;
            a.completed += res.completed;
            a.timedOut ||= res.timedOut;
            a.firstError ??= res.firstError;
          }
        }
        const solo = await load(contenders.opentok[op], { total, concurrency, deadlineMs });
        names.push('opentok');
        acc.opentok = {
          rates: [solo.opsPerSec],
          lat: solo.latencies,
          cpuUs: solo.cpuUs,
          errors: solo.errors,
          completed: solo.completed,
          timedOut: solo.timedOut,
          firstError: solo.firstError,
        };
        const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
        const bareRate = median(acc.bare.rates);
        const bareCpu = acc.bare.cpuUs / acc.bare.completed;
        for (const name of names) {
          const a = acc[name];
          a.lat.sort((x, y) => x - y);
          rows.push({
            op,
            concurrency,
            contender: name,
            opsPerSec: median(a.rates),
            p50: percentile(a.lat, 50),
            p99: percentile(a.lat, 99),
            completed: a.completed,
            errors: a.errors,
            timedOut: a.timedOut,
            firstError: a.firstError,
            ratioToBare: median(a.rates) / bareRate,
            cpuUsPerCall: a.cpuUs / a.completed,
            cpuRatioToBare: bareCpu / (a.cpuUs / a.completed),
          });
        }
      }
    }
  } finally {
    await Promise.allSettled([client.close(), compat.close(), pool.close()]);
    await server.stop();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runRestBench({ total: Number(process.argv[2] ?? 5000) });
  console.table(rows.map(({ firstError: _f, ...r }) => r));
}
