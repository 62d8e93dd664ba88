// Emulator throughput: requests/s and latency of the compiled emulator (dist/) running in its own
// process, as the other benchmarks see it. Scenarios: cached project auth (the official SDK mints
// one identical HS256 token per second), unique HS256 tokens (a jose verify per request), unique
// RS256 bearer tokens (Vonage applications), signals, archive start/stop churn, and meeting churn
// through the control API with every callback delivered to a local receiver. A bare node:http
// server answering a fixed JSON body ("floor") is measured the same way, so the numbers can be read
// against what this machine can do at all (it is shared and noisy).
// Run: `npm run build && node bench/emulator-bench.mjs [--seconds 3] [--connections 32]`
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { Pool } from 'undici';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '3' }, connections: { type: 'string', default: '32' } },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const KEY = '47000001';
const SECRET = 'bench-secret-0123456789abcdef';
const APP = randomUUID();
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dir = mkdtempSync(join(tmpdir(), 'emu-bench-'));
const pubFile = join(dir, 'app.pub.pem');
writeFileSync(pubFile, rsa.publicKey.export({ type: 'spki', format: 'pem' }));

// A callback receiver that counts deliveries.
let received = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(204).end();
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const callbackUrl = `http://127.0.0.1:${receiver.address().port}/events`;

const child = spawn(
  process.execPath,
  [
    'dist/src/emulator/cli.js',
    '--port',
    '0',
    '--api-key',
    KEY,
    '--api-secret',
    SECRET,
    '--application-id',
    APP,
    '--public-key',
    pubFile,
    '--callback-url',
    callbackUrl,
  ],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
});
const pool = new Pool(url, { connections: CONNECTIONS });
const FLOOR = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(200, { 'content-type': 'application/json', 'content-length': 23 }); s.end('{"count":0,"items":[]} '); }); }).listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port); });`;
const floorChild = spawn(process.execPath, ['-e', FLOOR], { stdio: ['ignore', 'pipe', 'inherit'] });
const floorPort = await new Promise((resolve) =>
  floorChild.stdout.on('data', (d) => resolve(/port (\d+)/.exec(String(d))[1])),
);
const floorPool = new Pool(`http://127.0.0.1:${floorPort}`, { connections: CONNECTIONS });

const hs = (claims = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: KEY, ist: 'project', iat: now, exp: now + 300, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET));
};
const rs = () => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ application_id: APP, iat: now, exp: now + 900, jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .sign(rsa.privateKey);
};
const clientToken = (sessionId) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: KEY,
    ist: 'project',
    iat: now,
    exp: now + 3600,
    session_id: sessionId,
    role: 'moderator',
    scope: 'session.connect',
    nonce: Math.random(),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET));
};

async function req(method, path, body, headers = {}) {
  const res = await pool.request({
    method,
    path,
    headers: {
      ...(body !== undefined
        ? {
            'content-type':
              typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json',
          }
        : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
}

/** Runs `op` from CONNECTIONS workers for SECONDS; returns req/s and latency percentiles. */
async function load(name, op, perOp = 1) {
  const lat = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        if (!(await op(w, i))) errors++;
        lat.push(performance.now() - t);
      }
    }),
  );
  const secs = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  const p = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))].toFixed(2);
  const row = {
    scenario: name,
    'req/s': Math.round((lat.length * perOp) / secs),
    p50_ms: p(0.5),
    p99_ms: p(0.99),
    errors,
  };
  console.log(JSON.stringify(row));
  return row;
}

const P = `/v2/project/${KEY}`;
const auth = { 'x-opentok-auth': await hs() };
const created = await req('POST', '/session/create', 'archiveMode=manual&p2p.preference=disabled', auth);
const sessionId = created.body[0].session_id;
const joined = await req('POST', `/_emulator/sessions/${sessionId}/connections`, {
  token: await clientToken(sessionId),
  name: 'bench',
});
await req('POST', `/_emulator/connections/${joined.body.connectionId}/streams`, {});

// Pre-minted unique tokens so the load generator's own signing is not measured.
const uniqueHs = await Promise.all(Array.from({ length: 20000 }, (_, i) => hs({ jti: `j${i}` })));
const uniqueRs = await Promise.all(Array.from({ length: 3000 }, () => rs()));
const tokens = await Promise.all(Array.from({ length: CONNECTIONS }, () => clientToken(sessionId)));
let h = 0;
let r = 0;
const rows = [];
rows.push(
  await load('floor: bare node:http fixed JSON', async () => {
    const res = await floorPool.request({ method: 'GET', path: '/' });
    await res.body.text();
    return res.statusCode === 200;
  }),
);
rows.push(
  await load(
    'GET stream list, cached HS256 auth',
    async () => (await req('GET', `${P}/session/${sessionId}/stream`, undefined, auth)).status === 200,
  ),
);
rows.push(
  await load(
    'GET stream list, unique HS256 token each',
    async () =>
      (
        await req('GET', `${P}/session/${sessionId}/stream`, undefined, {
          'x-opentok-auth': uniqueHs[h++ % uniqueHs.length],
        })
      ).status === 200,
  ),
);
rows.push(
  await load(
    'GET archive list, unique RS256 bearer each',
    async () =>
      (
        await req('GET', `/v2/project/${APP}/archive?count=1`, undefined, {
          authorization: `Bearer ${uniqueRs[r++ % uniqueRs.length]}`,
        })
      ).status === 200,
  ),
);
rows.push(
  await load(
    'POST signal',
    async () =>
      (await req('POST', `${P}/session/${sessionId}/signal`, { type: 'b', data: 'x' }, auth)).status === 204,
  ),
);
rows.push(
  await load(
    'archive start+stop (2 requests)',
    async (w) => {
      const a = await req('POST', `${P}/archive`, { sessionId, multiArchiveTag: `w${w}` }, auth);
      const s = await req('POST', `${P}/archive/${a.body.id}/stop`, undefined, auth);
      return a.status === 200 && s.status === 200;
    },
    2,
  ),
);
// Let the archive scenario's callbacks finish before counting the churn's.
for (let last = -1; last !== received;) {
  last = received;
  await new Promise((res) => setTimeout(res, 300));
}
const before = received;
let churnOps = 0;
const churnStart = performance.now();
rows.push(
  await load(
    'control connect+publish+disconnect (3 requests, ~5 callbacks)',
    async (w) => {
      const c = await req('POST', `/_emulator/sessions/${sessionId}/connections`, { token: tokens[w] });
      const s = await req('POST', `/_emulator/connections/${c.body.connectionId}/streams`, {});
      const d = await req('DELETE', `/_emulator/connections/${c.body.connectionId}`);
      churnOps++;
      return c.status === 201 && s.status === 201 && d.status === 204;
    },
    3,
  ),
);
// Each churn op sends connectionCreated, streamCreated, streamDestroyed, connectionDestroyed.
const expected = churnOps * 4;
while (received - before < expected && performance.now() - churnStart < 60_000)
  await new Promise((res) => setTimeout(res, 20));
const drainSecs = (performance.now() - churnStart) / 1000;
const callbacks = {
  callbacksExpected: expected,
  callbacksDelivered: received - before,
  'callbacks/s': Math.round((received - before) / drainSecs),
};
console.log(JSON.stringify(callbacks));
await floorPool.close();
floorChild.kill('SIGTERM');

await pool.close();
child.kill('SIGTERM');
receiver.close();
rmSync(dir, { recursive: true, force: true });
const floor = rows[0]['req/s'];
console.log('\n| scenario | req/s | % of floor | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|');
for (const row of rows) {
  const pct = Math.round((100 * row['req/s']) / floor);
  console.log(
    `| ${row.scenario} | ${row['req/s']} | ${pct} | ${row.p50_ms} | ${row.p99_ms} | ${row.errors} |`,
  );
}
console.log(
  `\ncallbacks during churn: ${callbacks.callbacksDelivered}/${callbacks.callbacksExpected} delivered, ${callbacks['callbacks/s']}/s (one session, in order)`,
);
