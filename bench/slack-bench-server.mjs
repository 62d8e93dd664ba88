// The system under test for bench/slack-bench.mjs, in its own process so the load generator does not
// share its event loop: the full bot (SQLite + core + card refresher + Slack adapter on the shared
// server; the Video API emulator and the fake Slack Web API run in their own processes on loopback)
// and a bare Bolt app with the same receiver
// that only acks. Prints one JSON line with the URLs, then serves until killed.
import { App } from '@slack/bolt';
import { createSlackAdapter } from '../dist/adapters/slack/index.js';
import { createFrontDoor } from '../dist/commands/front-door.js';
import { SlackHttpReceiver } from '../dist/adapters/slack/receiver.js';
import { silentLogger } from '../dist/src/log.js';
import { registry } from '../dist/src/metrics.js';
import { createHttpServer } from '../dist/src/server.js';
import { openStore } from '../dist/src/store/index.js';
import { VideoClient } from '../dist/src/video/index.js';
import { wireBotCore } from './bot-core.mjs';

const SECRET = process.env.BENCH_SIGNING_SECRET ?? 'bench-signing-secret';
const CALLBACK_SECRET = process.env.BENCH_CALLBACK_SECRET ?? 'bench-callback-secret-0123456789';
const emu = JSON.parse(process.env.BENCH_EMULATOR ?? 'null');
if (!emu) throw new Error('Set BENCH_EMULATOR to the JSON printed by bench/slack-emulator.mjs.');

const fakeUrl = process.env.BENCH_FAKE_SLACK_URL;
if (!fakeUrl) throw new Error('Set BENCH_FAKE_SLACK_URL to the fake Slack API (bench/slack-fake-api.mjs).');

// The full bot.
const store = await openStore('sqlite::memory:', { log: silentLogger });
const video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
const { cards, refresher, server, ctx } = wireBotCore({ store, video, callbackSecret: CALLBACK_SECRET });
const work = process.env.BENCH_MAX_RUNNING
  ? { maxRunning: Number(process.env.BENCH_MAX_RUNNING) }
  : undefined;
const door = createFrontDoor({ services: ctx, pending: { holder: 'bench' }, ...(work ? { work } : {}) });
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
const full = await server.listen(0, '127.0.0.1');
ctx.publicUrl = full.url;
refresher.start();

// The bare Bolt app: same receiver on the same kind of server, a listener that only acks.
const bareServer = createHttpServer({ log: silentLogger, metrics: registry });
const bareReceiver = new SlackHttpReceiver({ signingSecret: SECRET, log: silentLogger });
const bare = new App({
  receiver: bareReceiver,
  token: 'xoxb-bench',
  clientOptions: { slackApiUrl: `${fakeUrl}/api/` },
});
bare.command('/video', async ({ ack }) => ack());
bareServer.route('POST', '/slack/events', bareReceiver.handle);
const bareBound = await bareServer.listen(0, '127.0.0.1');
// CPU time of this process, so the benchmark can report CPU per command independent of machine load.
bareServer.route('GET', '/_cpu', (_req, res) => {
  const { user, system } = process.cpuUsage();
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ ms: (user + system) / 1000 }));
});

process.stdout.write(JSON.stringify({ full: full.url, bare: bareBound.url, pid: process.pid }) + '\n');
process.on('SIGTERM', async () => {
  await refresher.stop();
  await slack.stop();
  await Promise.all([server.close(), bareServer.close()]);
  await store.close();
  process.exit(0);
});
