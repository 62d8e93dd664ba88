// The system under test for bench/discord-bench.mjs, in its own process so the load generator does
// not share its event loop: the full bot (SQLite + core + card refresher + Discord adapter in HTTP
// mode on the shared server); the Video API emulator and the fake Discord REST API run in their own
// processes on loopback. Its same-work floor is bench/discord-floor.mjs. Starts one meeting in each
// of BENCH_CHANNELS channels (g1/c0..), prints one JSON line {url, meetings, pid}, then serves until
// killed; GET /_cpu answers this process's CPU time (ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiscordAdapter } from '../dist/adapters/discord/index.js';
import { createFrontDoor } from '../dist/commands/front-door.js';
import { silentLogger } from '../dist/src/log.js';
import { openStore } from '../dist/src/store/index.js';
import { VideoClient } from '../dist/src/video/index.js';
import { wireBotCore, workKnobs } from './bot-core.mjs';

const CALLBACK_SECRET = process.env.BENCH_CALLBACK_SECRET ?? 'bench-callback-secret-0123456789';
const emu = JSON.parse(process.env.BENCH_EMULATOR ?? 'null');
const apiUrl = process.env.BENCH_DISCORD_API;
const publicKey = process.env.BENCH_DISCORD_PUBLIC_KEY;
if (!emu || !apiUrl || !publicKey)
  throw new Error('Set BENCH_EMULATOR, BENCH_DISCORD_API and BENCH_DISCORD_PUBLIC_KEY.');
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 10);

// A file-backed SQLite store by default, as in production (BENCH_STORE overrides).
const dir = mkdtempSync(join(tmpdir(), 'discord-bench-'));
const store = await openStore(process.env.BENCH_STORE ?? `sqlite:${join(dir, 'bench.db')}`, {
  log: silentLogger,
});
const video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
const { cards, refresher, server, ctx } = wireBotCore({ store, video, callbackSecret: CALLBACK_SECRET });
const door = createFrontDoor({ services: ctx, pending: { holder: 'bench' }, work: workKnobs() });
const adapter = createDiscordAdapter({
  settings: { token: 'bench-token', publicKey, apiUrl },
  mode: 'http',
  server,
  door,
  log: silentLogger,
});
cards.registerPublisher(adapter.publisher);
await adapter.start();
server.route('GET', '/_cpu', (_req, res) => {
  const { user, system } = process.cpuUsage();
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ ms: (user + system) / 1000 }));
});
const { url } = await server.listen(0, '127.0.0.1');
ctx.publicUrl = url;
refresher.start();

// One meeting per channel, started through the front door as `/video start` would be.
const meetings = [];
for (let c = 0; c < CHANNELS; c++) {
  const started = await door.accept({
    actor: { platform: 'discord', id: 'u-host', name: 'Host', moderator: true },
    place: { platform: 'discord', teamId: 'g1', channelId: `c${c}` },
    ask: { kind: 'command', command: 'start', options: { title: `Bench ${c}` } },
    source: 'slash',
    delivery: `start-${c}`,
    replyTo: {
      id: `9${c}`,
      applicationId: '111111111111111111',
      token: `bench-start-${c}`,
      mode: 'deferred',
    },
    replyBy: Date.now() + 60_000,
  });
  if (started.kind === 'accepted') await door.run(started.ticket);
  const m = await store.getActiveMeetingInChannel('discord', 'g1', `c${c}`);
  if (!m) throw new Error('a benchmark meeting did not start');
  meetings.push(m.id);
}

process.stdout.write(JSON.stringify({ url, meetings, pid: process.pid }) + '\n');
process.on('SIGTERM', async () => {
  await refresher.stop();
  await adapter.stop();
  await server.close();
  await video.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
