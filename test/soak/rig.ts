// The soak's world: a standalone emulator (the Video API, which outlives bot restarts), a relay in
// front of the bot's callback endpoint that loses a share of callbacks, a fake Slack Web API with a
// switchable 429 burst, and the whole bot (src/main.ts startApp, Slack over HTTP, SQLite file).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { callbackPath } from '../../src/events/index.js';
import { silentLogger } from '../../src/log.js';
import { startApp, type App } from '../../src/main.js';
import { startFakeSlackApi, type FakeSlackApi } from '../adapters/slack/fake-slack-api.js';
import { postSigned, SIGNING_SECRET, slashBody } from '../adapters/slack/signing.js';
import { rng } from './plan.js';

const SIGNATURE_SECRET = 'soak-signature-secret-0123456789abcdef';

/** The running world. */
export interface SoakRig {
  emulator: Emulator;
  slack: FakeSlackApi;
  app: App;
  /** Cards as Slack shows them: message ts -> the blocks of its last successful post or edit. */
  messages: Map<string, unknown[]>;
  /** Callbacks lost on purpose, and callbacks seen. */
  dropped: number;
  relayed: number;
  /** Slack calls answered 429 during the burst, and restarts done. */
  refused: number;
  restarts: number;
  /** Sends `/video <text>` as `user` in `channel`; resolves with the reply's text ('' when none came). */
  slash(channel: string, user: string, text: string): Promise<string>;
  /** While on, every chat.postMessage / chat.update / calls.* answers 429 (Retry-After 1). */
  rateLimit(on: boolean): void;
  /** Stops the bot and starts it again on the same database (commands wait meanwhile). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Flattens Block Kit to its words (mrkdwn bold markers removed): what a person reads. */
export function wordsOf(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'actions') return;
      for (const [k, x] of Object.entries(o)) walk(x, k);
    } else if (typeof v === 'string' && key === 'text') out.push(v);
  };
  walk(blocks);
  return out.join('\n').replace(/\*/g, '');
}

/** Starts the world; `dataDir` holds the bot's SQLite file. */
export async function startSoakRig(opts: {
  dataDir: string;
  dropShare: number;
  seed: number;
  reconcileMs: number;
}): Promise<SoakRig> {
  const emulator = await startEmulator({ signatureSecret: SIGNATURE_SECRET, warn: () => undefined });
  const slack = await startFakeSlackApi();
  const messages = new Map<string, unknown[]>();
  let limited = false;
  let ts = 1_800_000_000;
  const tooMany = () => {
    rig.refused++;
    return { status: 429, headers: { 'retry-after': '1' }, json: { ok: false, error: 'ratelimited' } };
  };
  slack.on('chat.postMessage', (b) => {
    if (limited) return tooMany();
    const id = `${ts++}.000100`;
    messages.set(id, (b.blocks as unknown[]) ?? []);
    return { json: { ok: true, channel: b.channel, ts: id } };
  });
  slack.on('chat.update', (b) => {
    if (limited) return tooMany();
    messages.set(String(b.ts), (b.blocks as unknown[]) ?? []);
    return { json: { ok: true, channel: b.channel, ts: b.ts } };
  });
  for (const m of ['calls.add', 'calls.participants.add', 'calls.participants.remove', 'calls.end'])
    slack.on(m, () => (limited ? tooMany() : { json: { ok: true, call: { id: `R${ts++}` } } }));

  const config = loadConfig({
    PORT: '0',
    PUBLIC_URL: 'http://bot.test',
    DATABASE_URL: `sqlite:${join(opts.dataDir, 'bot.db')}`,
    LOG_LEVEL: 'error',
    VONAGE_API_KEY: emulator.apiKey,
    VONAGE_API_SECRET: emulator.apiSecret,
    VONAGE_VIDEO_API_URL: emulator.url,
    VONAGE_SIGNATURE_SECRET: SIGNATURE_SECRET,
    JOIN_TICKET_SECRET: 'soak-ticket-secret-0123456789abcdef',
    SLACK_BOT_TOKEN: 'xoxb-soak',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    RECONCILE_INTERVAL_MS: String(opts.reconcileMs),
  });

  // The relay: Vonage's side of the wire. A lost callback is answered 200 (Vonage thinks it was
  // delivered); while the bot is down the relay answers 503 and the emulator retries, then gives up.
  const lose = rng(opts.seed ^ 0x5eed);
  let target: string | null = null;
  const relay: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      rig.relayed++;
      if (lose() < opts.dropShare) {
        rig.dropped++;
        res.writeHead(200).end();
        return;
      }
      if (!target) return void res.writeHead(503).end();
      const out = request(
        `${target}${req.url ?? ''}`,
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.writeHead(503).end());
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  const relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  emulator.setCallbackUrl(`${relayUrl}${callbackPath(config.callbacks)}`);

  const boot = async () => {
    const app = await startApp(config, silentLogger, { host: '127.0.0.1' });
    target = app.url;
    return app;
  };
  let restarting: Promise<void> | null = null;
  let replies = 0;

  const rig: SoakRig = {
    emulator,
    slack,
    app: await boot(),
    messages,
    dropped: 0,
    relayed: 0,
    refused: 0,
    restarts: 0,
    async slash(channel, user, text) {
      while (restarting) await restarting;
      const id = `soak-${++replies}`;
      const body = slashBody({
        command: '/video',
        text,
        team_id: 'T1',
        channel_id: channel,
        user_id: user,
        user_name: user.toLowerCase(),
        trigger_id: `trig-${id}`,
        response_url: `${slack.url}/respond/${id}`,
      });
      const res = await postSigned(`${rig.app.url}/slack/events`, body);
      if (res.status !== 200) throw new Error(`Slack request ${text} answered ${res.status}`);
      const [reply] = await slack.waitFor(`respond/${id}`, 1, 30_000);
      const blocks = reply!.body.blocks;
      return Array.isArray(blocks) && blocks.length > 0 ? wordsOf(blocks) : String(reply!.body.text ?? '');
    },
    rateLimit(on) {
      limited = on;
    },
    async restart() {
      let done!: () => void;
      restarting = new Promise<void>((r) => (done = r));
      try {
        target = null;
        await rig.app.stop();
        rig.app = await boot();
        rig.restarts++;
      } finally {
        restarting = null;
        done();
      }
    },
    async close() {
      await rig.app.stop();
      await emulator.close();
      await new Promise<void>((r) => {
        relay.closeAllConnections();
        relay.close(() => r());
      });
      await slack.close();
    },
  };
  return rig;
}
