// Load generator and fake Discord REST for bench/discord-bench.mjs, in its own process so the
// process under test does not share its event loop with the client. Talks to the parent over IPC:
// sends {ready, apiUrl, publicKeyHex}; receives {url, meetingId, seconds, concurrency, mix};
// sends {result} once every follow-up has arrived (or the wait timed out).
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { Agent, request } from 'undici';

const APP = '111111111111111111';
const followUps = new Set();
let cardWrites = 0;
const rest = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const path = decodeURIComponent(req.url ?? '');
    const m = /\/webhooks\/\d+\/([^/]+)/.exec(path);
    if (m && req.method !== 'DELETE') followUps.add(m[1]);
    if (path.includes('/channels/')) cardWrites++;
    if (req.method === 'DELETE') return void res.writeHead(204).end();
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: String(Date.now()) }));
  });
});
await new Promise((r) => rest.listen(0, '127.0.0.1', r));
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
process.send({ ready: true, apiUrl: `http://127.0.0.1:${rest.address().port}/api`, publicKeyHex });

const { url, meetingId, seconds, concurrency, mix } = await new Promise((r) => process.once('message', r));
const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
let seq = 0;
function interaction(user, data, type) {
  const n = ++seq;
  return {
    id: String(2_000_000_000_000_000n + BigInt(n)),
    application_id: APP,
    type,
    token: `load-${n}`,
    guild_id: 'g1',
    channel_id: 'c1',
    member: { user: { id: user, username: user }, permissions: String(1n << 22n), roles: [] },
    data,
  };
}
// The mix: slash `status` and `participants`, card `Join` clicks, and PINGs.
const kinds = [
  () => interaction(`u${seq % 500}`, { name: 'video', options: [{ type: 1, name: 'status' }] }, 2),
  () => interaction(`u${seq % 500}`, { name: 'video', options: [{ type: 1, name: 'participants' }] }, 2),
  () => interaction(`u${seq % 500}`, { custom_id: `v1|join|${meetingId}|`, component_type: 2 }, 3),
  () => ({ ...interaction('x', undefined, 1), member: undefined }),
];
const latencies = [];
const statuses = {};
const expected = new Set();
const deadline = performance.now() + seconds * 1000;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async (_, w) => {
    for (let k = w; performance.now() < deadline; k++) {
      const payload = mix === 'ping' ? kinds[3]() : kinds[k % kinds.length]();
      if (payload.type !== 1) expected.add(payload.token);
      const body = JSON.stringify(payload);
      const ts = String(Math.floor(Date.now() / 1000));
      const headers = {
        'content-type': 'application/json',
        'x-signature-ed25519': sign(null, Buffer.from(ts + body), privateKey).toString('hex'),
        'x-signature-timestamp': ts,
      };
      const t = performance.now();
      const res = await request(`${url}/discord/interactions`, { method: 'POST', body, headers, dispatcher });
      await res.body.arrayBuffer();
      latencies.push(performance.now() - t);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
const waitUntil = Date.now() + 60_000;
while ([...expected].some((t) => !followUps.has(t)) && Date.now() < waitUntil)
  await new Promise((r) => setTimeout(r, 20));
const followUpsMs = Math.round(performance.now() - started - elapsed * 1000);
latencies.sort((a, b) => a - b);
const pct = (p) =>
  +latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
process.send({
  result: {
    interactions: latencies.length,
    statuses,
    interactionsPerSecond: Math.round(latencies.length / elapsed),
    firstResponseMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: +latencies.at(-1).toFixed(1) },
    followUpsExpected: expected.size,
    followUpsMissing: [...expected].filter((t) => !followUps.has(t)).length,
    followUpsDoneAfterLoadMs: followUpsMs,
    cardWrites,
  },
});
await dispatcher.close();
rest.close();
process.disconnect();
