// The same-work floor for bench/slack-bench.mjs, in its own process: a bare Bolt app on the bot's
// receiver (same @slack/bolt, same SlackHttpReceiver, same HTTP server) that does what a slash
// command costs a user and nothing more: verify the signature, ack, make one Video API call to the
// emulator (`mute all`/`mute off` as the bot makes it, a stream list for anything else, through the project's VideoClient on the same undici), and
// post one reply to the response_url (undici, keep-alive, like the bot). No store, no cards, no
// recovery. This is the honest peer of the bot; an app that only acks is not.
// Prints one JSON line {url, pid}; GET /_cpu answers this process's CPU time (ms).
import { App } from '@slack/bolt';
import { Agent, request } from 'undici';
import { SlackHttpReceiver } from '../dist/adapters/slack/receiver.js';
import { silentLogger } from '../dist/src/log.js';
import { registry } from '../dist/src/metrics.js';
import { createHttpServer } from '../dist/src/server.js';
import { VideoClient } from '../dist/src/video/index.js';

const SECRET = process.env.BENCH_SIGNING_SECRET ?? 'bench-signing-secret';
const emu = JSON.parse(process.env.BENCH_EMULATOR ?? 'null');
if (!emu) throw new Error('Set BENCH_EMULATOR to the JSON printed by bench/slack-emulator.mjs.');

const video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
const sessions = new Map();
/** One session per channel, made on first use (like a meeting per channel). */
async function sessionOf(channel) {
  let s = sessions.get(channel);
  if (!s) sessions.set(channel, (s = video.createSession({ mediaMode: 'routed' }).then((x) => x.sessionId)));
  return s;
}

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256 }); // as the bot's response_url replies
const server = createHttpServer({ log: silentLogger, metrics: registry });
const receiver = new SlackHttpReceiver({ signingSecret: SECRET, log: silentLogger });
const fakeUrl = process.env.BENCH_FAKE_SLACK_URL;
if (!fakeUrl) throw new Error('Set BENCH_FAKE_SLACK_URL to the fake Slack API (bench/slack-fake-api.mjs).');
// Configured as the bot configures Bolt (token, Web API URL, no conversation store).
const app = new App({
  receiver,
  token: 'xoxb-bench',
  clientOptions: { slackApiUrl: `${fakeUrl}/api/` },
  convoStore: false,
});
app.command('/video', async ({ ack, command }) => {
  await ack();
  try {
    // The one Video API call: what the bot's command calls for `mute all` / `mute off`, a read otherwise.
    const session = await sessionOf(command.channel_id);
    let text;
    if (command.text === 'mute all') {
      await video.forceMuteAll(session, {});
      text = 'Everyone is muted.';
    } else if (command.text === 'mute off') {
      await video.disableForceMute(session);
      text = 'Mute-all is off.';
    } else
      text = `${command.text.split(' ')[0] || 'help'}: ${(await video.listStreams(session)).length} stream(s)`;
    const visible = command.text.startsWith('mute ') ? 'in_channel' : 'ephemeral';
    const res = await request(command.response_url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        response_type: visible,
        replace_original: false,
        text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
      }),
    });
    await res.body.dump();
  } catch (err) {
    process.stderr.write(`slack floor: ${err}\n`);
  }
});
server.route('POST', '/slack/events', receiver.handle);
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
