// The same-work floor for bench/discord-bench.mjs, in its own process: a bare interactions endpoint
// on the bot's HTTP server that does what an interaction costs a user and nothing more: verify the
// Ed25519 signature (the bot's verifier, node:crypto), answer the first response (PONG, a deferral,
// or a deferred update for a click), make one Video API call to the emulator (`mute all`/`mute off`
// as the bot makes it, a stream list otherwise, through the project's VideoClient on the same undici)
// and send one interaction response over the webhook (edit of @original, or a follow-up for a click).
// No store, no cards, no recovery. Prints one JSON line {url, pid}; GET /_cpu answers this process's
// CPU time (ms).
import { Agent, request } from 'undici';
import { InteractionVerifier } from '../dist/adapters/discord/verify.js';
import { readBody } from '../dist/src/http/body.js';
import { sendJson } from '../dist/src/http/respond.js';
import { silentLogger } from '../dist/src/log.js';
import { registry } from '../dist/src/metrics.js';
import { createHttpServer } from '../dist/src/server.js';
import { VideoClient } from '../dist/src/video/index.js';

const emu = JSON.parse(process.env.BENCH_EMULATOR ?? 'null');
const apiUrl = process.env.BENCH_DISCORD_API;
const publicKey = process.env.BENCH_DISCORD_PUBLIC_KEY;
if (!emu || !apiUrl || !publicKey)
  throw new Error('Set BENCH_EMULATOR, BENCH_DISCORD_API and BENCH_DISCORD_PUBLIC_KEY.');

const video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
const sessions = new Map();
async function sessionOf(channel) {
  let s = sessions.get(channel);
  if (!s) sessions.set(channel, (s = video.createSession({ mediaMode: 'routed' }).then((x) => x.sessionId)));
  return s;
}
const verifier = new InteractionVerifier(publicKey);
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256 }); // as the bot's replies
const headers = { 'content-type': 'application/json', 'user-agent': 'DiscordBot (floor, 0.1)' };

/** The one Video API call and the one webhook message of an interaction `i`. */
async function work(i) {
  const sub = i.data?.options?.[0];
  const target = sub?.options?.find((o) => o.name === 'target')?.value;
  const session = await sessionOf(i.channel_id);
  let content;
  if (sub?.name === 'mute' && target === 'all') {
    await video.forceMuteAll(session, {});
    content = '✅ Everyone is muted.';
  } else if (sub?.name === 'mute' && target === 'off') {
    await video.disableForceMute(session);
    content = '✅ Mute-all is off.';
  } else content = `${sub?.name ?? 'click'}: ${(await video.listStreams(session)).length} stream(s)`;
  const base = `${apiUrl}/v10/webhooks/${i.application_id}/${i.token}`;
  const click = i.type === 3;
  const res = await request(click ? base : `${base}/messages/@original`, {
    method: click ? 'POST' : 'PATCH',
    dispatcher: agent,
    headers,
    body: JSON.stringify({
      content,
      embeds: [{ description: content }],
      components: [],
      ...(click ? { flags: 64 } : {}),
    }),
  });
  await res.body.dump();
}

const server = createHttpServer({ log: silentLogger, metrics: registry });
server.route('POST', '/discord/interactions', async (req, res) => {
  const raw = await readBody(req);
  const check = verifier.verify(
    req.headers['x-signature-ed25519'],
    req.headers['x-signature-timestamp'],
    raw,
  );
  if (!check.ok) return sendJson(res, 401, { error: 'invalid_signature' });
  const i = JSON.parse(raw.toString('utf8'));
  if (i.type === 1) return sendJson(res, 200, { type: 1 });
  const announced = i.data?.options?.[0]?.name === 'mute';
  sendJson(res, 200, i.type === 3 ? { type: 6 } : announced ? { type: 5 } : { type: 5, data: { flags: 64 } });
  res.once('finish', () => work(i).catch((err) => process.stderr.write(`discord floor: ${err}\n`)));
});
server.route('GET', '/_cpu', (_req, res) => {
  const { user, system } = process.cpuUsage();
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ ms: (user + system) / 1000 }));
});
const bound = await server.listen(0, '127.0.0.1');
process.stdout.write(JSON.stringify({ url: bound.url, pid: process.pid }) + '\n');
process.on('SIGTERM', async () => {
  await server.close();
  await agent.close();
  await video.close();
  process.exit(0);
});
