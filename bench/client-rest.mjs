// REST benchmark: forceMuteAll and startArchive through ours, the official opentok SDK and a bare
// undici Pool with a cached auth header, against bench/floor-server.mjs in a child process.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { Pool } from 'undici';
import { VideoClient, encodeSessionId } from '../dist/src/video/index.js';
import { OpenTok as OursCompat } from '../dist/src/video/opentok.js';
import { load } from './client-measure.mjs';

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
  rounds = 4,
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
        const best = {};
        // Interleave rounds so background load on a shared machine hits every contender alike; the
        // slow official SDK runs once.
        for (let r = 0; r < rounds; r++) {
          const order = Object.entries(contenders);
          if (r % 2) order.reverse();
          for (const [name, impl] of order) {
            if (name === 'opentok' && r > 0) continue;
            await load(impl[op], { total: Math.min(200, total), concurrency, deadlineMs: 5000 });
            const res = await load(impl[op], { total, concurrency, deadlineMs });
            if (!best[name] || res.opsPerSec > best[name].opsPerSec) best[name] = res;
          }
        }
        for (const [name, res] of Object.entries(best)) {
          rows.push({
            op,
            concurrency,
            contender: name,
            ...res,
            ratioToBare: res.opsPerSec / best.bare.opsPerSec,
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
