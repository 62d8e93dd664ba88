// Fake Slack Web API + response_url endpoint for bench/slack-bench.mjs, in its own process (it is the
// outside world, not part of the bot). Answers every method with ok and counts replies at /stats.
// BENCH_CHAT_LATENCY_MS delays every answer but /stats by that much (Slack's own latency), counted when sent.
import { createServer } from 'node:http';

const counts = { respond: 0, api: 0 };
let ts = 1;
const LATENCY = Number(process.env.BENCH_CHAT_LATENCY_MS ?? 0);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url === '/stats')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
    if (LATENCY > 0) setTimeout(() => answer(req, res), LATENCY);
    else answer(req, res);
  });
});

function answer(req, res) {
  if (req.url?.startsWith('/respond/')) counts.respond++;
  else counts.api++;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      ok: true,
      ts: `${ts++}.0001`,
      channel: 'C',
      user_id: 'UBOT',
      bot_id: 'B',
      call: { id: `R${ts}` },
      user: { id: 'U', is_admin: false },
    }),
  );
}
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }) + '\n'),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
