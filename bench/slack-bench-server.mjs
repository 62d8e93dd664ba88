// The system under test for bench/slack-bench.mjs, in its own process so the load generator does not
// share its event loop: the full bot (SQLite + core + card refresher + Slack adapter on the shared
// server; the Video API emulator and the fake Slack Web API run in their own processes on loopback).
// Its same-work floor runs in bench/slack-floor.mjs. Prints one JSON line with the URL, then serves
// until killed; GET /_cpu answers this process's CPU time (ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackAdapter } from '../dist/adapters/slack/index.js';
import { createFrontDoor } from '../dist/commands/front-door.js';
import { silentLogger } from '../dist/src/log.js';
import { openStore } from '../dist/src/store/index.js';
import { VideoClient } from '../dist/src/video/index.js';
import { wireBotCore, workKnobs } from './bot-core.mjs';

const SECRET = process.env.BENCH_SIGNING_SECRET ?? 'bench-signing-secret';
const CALLBACK_SECRET = process.env.BENCH_CALLBACK_SECRET ?? 'bench-callback-secret-0123456789';
const emu = JSON.parse(process.env.BENCH_EMULATOR ?? 'null');
if (!emu) throw new Error('Set BENCH_EMULATOR to the JSON printed by bench/slack-emulator.mjs.');

const fakeUrl = process.env.BENCH_FAKE_SLACK_URL;
if (!fakeUrl) throw new Error('Set BENCH_FAKE_SLACK_URL to the fake Slack API (bench/slack-fake-api.mjs).');

// The full bot.
// A file-backed SQLite store by default, as in production (BENCH_STORE overrides: sqlite::memory:, postgres://...).
const dir = mkdtempSync(join(tmpdir(), 'slack-bench-'));
const store = await openStore(process.env.BENCH_STORE ?? `sqlite:${join(dir, 'bench.db')}`, {
  log: silentLogger,
});
const video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
const { cards, refresher, server, ctx } = wireBotCore({ store, video, callbackSecret: CALLBACK_SECRET });
const door = createFrontDoor({ services: ctx, pending: { holder: 'bench' }, work: workKnobs() });
const slack = createSlackAdapter({
  config: { botToken: 'xoxb-bench', signingSecret: SECRET, apiUrl: `${fakeUrl}/api/`, moderatorIds: [] },
  door,
  store,
  publicUrl: 'http://127.0.0.1',
  server,
  log: silentLogger,
});
cards.registerPublisher(slack.publisher);
await slack.start();
// CPU time of this process, so the benchmark can report CPU per command independent of machine load.
server.route('GET', '/_cpu', (_req, res) => {
  const { user, system } = process.cpuUsage();
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ ms: (user + system) / 1000 }));
});
const full = await server.listen(0, '127.0.0.1');
ctx.publicUrl = full.url;
refresher.start();

process.stdout.write(JSON.stringify({ full: full.url, pid: process.pid }) + '\n');
process.on('SIGTERM', async () => {
  await refresher.stop();
  await slack.stop();
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
