// Fake Discord REST API for bench/discord-bench.mjs, in its own process (it is the outside world, not
// part of the bot): answers every route like Discord does, counts the result messages (edits of
// @original and follow-ups on an interaction's webhook) and the card writes (channel messages), and
// serves those counts at GET /stats. Prints one JSON line {url}. BENCH_CHAT_LATENCY_MS delays every
// answer but /stats by that much (Discord's own latency, ~100 ms from most clouds), counted when sent.
import { createServer } from 'node:http';

const counts = { results: 0, cardWrites: 0, deletes: 0 };
let id = 1;
const LATENCY = Number(process.env.BENCH_CHAT_LATENCY_MS ?? 0);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const path = req.url ?? '';
    if (path === '/stats')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
    if (LATENCY > 0) setTimeout(() => answer(req, res, path), LATENCY);
    else answer(req, res, path);
  });
});

function answer(req, res, path) {
  if (req.method === 'DELETE') {
    counts.deletes++;
    return void res.writeHead(204).end();
  }
  if (path.includes('/webhooks/') && !path.endsWith('/callback')) counts.results++;
  else if (path.includes('/channels/')) counts.cardWrites++;
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ id: String(1_000_000_000_000_000 + id++) }));
}
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/api` }) + '\n'),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
