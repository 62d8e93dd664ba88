// Discord interactions benchmark: Ed25519-signed interactions POSTed at concurrency 50 for 10 s to
// the real HTTP server -> Discord adapter (verify, dedupe, first response) -> command core ->
// emulator + SQLite store. The load generator and the fake Discord REST API (which receives every
// follow-up) run in a child process (bench/discord-load.mjs). Measures the first response (what
// Discord's 3-second deadline applies to): p50/p99 and interactions/s, plus the server's CPU time
// per interaction; checks every interaction got 200 and every follow-up arrived.
// Runs the compiled code: `npm run build` first.
//
//   node bench/discord-bench.mjs [--seconds 10] [--concurrency 50] [--store sqlite:/tmp/x.db] [--mix full|ping]
//
// --mix full (default): /video status, /video participants, Join clicks and PINGs in turn.
// --mix ping: PINGs only, the floor of the signed path (read, verify, parse, answer).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDiscordAdapter } from '../dist/adapters/discord/index.js';
import { createFrontDoor } from '../dist/commands/front-door.js';
import { startEmulator } from '../dist/src/emulator/index.js';
import { silentLogger } from '../dist/src/log.js';
import { openStore } from '../dist/src/store/index.js';
import { VideoClient } from '../dist/src/video/index.js';
import { wireBotCore } from './bot-core.mjs';

const { values: args } = parseArgs({
  options: {
    mix: { type: 'string', default: 'full' },
    'follow-ups': { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '50' },
    store: { type: 'string' },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'discord-bench-'));
const storeUrl = args.store ?? `sqlite:${join(dir, 'bench.db')}`;

const load = fork(new URL('./discord-load.mjs', import.meta.url));
const next = () => new Promise((resolve) => load.once('message', resolve));
const { apiUrl, publicKeyHex } = await next();

const SECRET = 'discord-bench-callback-secret-0123';
const store = await openStore(storeUrl, { log: silentLogger });
const emulator = await startEmulator({ signatureSecret: SECRET });
const video = new VideoClient({
  apiKey: emulator.apiKey,
  apiSecret: emulator.apiSecret,
  baseUrl: emulator.url,
  retry: false,
});
const { cards, refresher, server, ingestor, ctx } = wireBotCore({ store, video, callbackSecret: SECRET });
const door = createFrontDoor({
  services: ctx,
  pending: { holder: 'bench' },
  work: { maxRunning: Number(args['follow-ups']) },
});
const adapter = createDiscordAdapter({
  settings: { token: 'bench-token', publicKey: publicKeyHex, apiUrl },
  mode: 'http',
  server,
  door,
  log: silentLogger,
});
cards.registerPublisher(adapter.publisher);
await adapter.start();
const { url } = await server.listen(0, '127.0.0.1');
ctx.publicUrl = url;
emulator.setCallbackUrl(`${url}/vonage/events`);
refresher.start();

// One meeting to work on, started through the front door like `/video start` would.
const host = { platform: 'discord', id: 'u-host', name: 'Host', moderator: true };
const started = await door.accept({
  actor: host,
  place: { platform: 'discord', teamId: 'g1', channelId: 'c1' },
  ask: { kind: 'command', command: 'start', options: { title: 'Bench' } },
  source: 'slash',
  replyTo: { id: '1', applicationId: '1', token: 'bench-start', mode: 'deferred' },
});
if (started.kind === 'accepted') await door.run(started.ticket);
const meeting = await store.getActiveMeetingInChannel('discord', 'g1', 'c1');
if (!meeting) throw new Error('the benchmark meeting did not start');

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const cpuBefore = process.cpuUsage();
const loadBefore = loadavg()[0];
load.send({
  url,
  meetingId: meeting.id,
  seconds: Number(args.seconds),
  concurrency: Number(args.concurrency),
  mix: args.mix,
});
const { result } = await next();
const cpu = process.cpuUsage(cpuBefore);
loopDelay.disable();
await adapter.idle();
await ingestor.idle();

const out = {
  seconds: Number(args.seconds),
  concurrency: Number(args.concurrency),
  store: store.kind,
  mix: args.mix,
  ...result,
  serverCpuMsPerInteraction: +((cpu.user + cpu.system) / 1000 / result.interactions).toFixed(2),
  eventLoopDelayMs: {
    p99: +(loopDelay.percentile(99) / 1e6).toFixed(1),
    max: +(loopDelay.max / 1e6).toFixed(1),
  },
  loadAverage1m: { before: +loadBefore.toFixed(1), after: +loadavg()[0].toFixed(1) },
  targetP99Ms: 50,
};
console.log(JSON.stringify(out, null, 2));
await refresher.stop();
await adapter.stop();
await server.close();
await emulator.close();
await video.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
if (out.statuses[200] !== out.interactions || out.followUpsMissing > 0) {
  console.error('FAILED: every interaction must get 200 and every follow-up must arrive.');
  process.exit(1);
}
