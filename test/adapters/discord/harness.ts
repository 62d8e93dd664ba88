// The Discord adapter wired for real on loopback: emulator + SQLite store + core + card refresher +
// shared HTTP server, with Discord REST faked by a local server. Interactions are Ed25519-signed.
import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/index.js';
import type { Emulator } from '../../../src/emulator/index.js';
import { silentLogger } from '../../../src/log.js';
import type { MeetingRecord, Store } from '../../../src/store/types.js';
import type { VideoClient } from '../../../src/video/index.js';
import { startBotStack } from '../../support/stack.js';
import { FakeDiscord, type Recorded } from './fake-discord.js';
import { signHeaders, testKeys } from './signing.js';

const CALLBACK_SECRET = 'discord-harness-callback-secret-01';
export const APP = '111111111111111111';
/** Permission bitfields as Discord sends them. */
export const PERMS = { none: '0', mute: String(1n << 22n), kick: String(1n << 1n) };

/** Who clicks: user ID, permissions, role IDs. */
export interface Who {
  id: string;
  perms?: string;
  roles?: string[];
}

/** A running bot behind a signed Discord interactions endpoint. */
export interface DiscordHarness {
  discord: FakeDiscord;
  store: Store;
  emulator: Emulator;
  video: VideoClient;
  adapter: DiscordAdapter;
  url: string;
  /** Posts a signed interaction; returns the first response. */
  send(payload: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Builds an interaction of `type` from `who` with `data`. */
  interaction(
    type: number,
    who: Who,
    data: Record<string, unknown>,
    extra?: Record<string, unknown>,
  ): Record<string, unknown> & { id: string; token: string };
  /** Waits for the message (edit of @original or follow-up) that carries the result of interaction `token`. */
  result(token: string): Promise<Recorded>;
  /** The body of the latest card post or edit in the channel. */
  lastCard(): {
    content?: string;
    embeds: unknown[];
    components: Array<{ components: Array<{ custom_id?: string; label?: string }> }>;
  };
  meeting(): Promise<MeetingRecord>;
  join(m: MeetingRecord, name: string, userId: string): Promise<string>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts everything; guild g1, channel c1 (store: SQLite in memory by default). */
export async function startDiscordHarness(
  opts: { cardRetryBaseMs?: number; databaseUrl?: string } = {},
): Promise<DiscordHarness> {
  const keys = testKeys();
  const discord = await new FakeDiscord().start();
  discord.roles = [{ id: 'r-mod', name: 'Video Mods' }];
  const stack = await startBotStack({
    callbackSecret: CALLBACK_SECRET,
    minIntervalMs: 20,
    pollMs: 20,
    cardRetryBaseMs: opts.cardRetryBaseMs,
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
  });
  const { store, emulator, video, server, cards, door } = stack;
  const adapter = createDiscordAdapter({
    settings: {
      token: 'bot-token',
      publicKey: keys.publicKeyHex,
      apiUrl: discord.url,
      moderatorRole: 'Video Mods',
    },
    mode: 'http',
    server,
    door,
    log: silentLogger,
  });
  cards.registerPublisher(adapter.publisher);
  await adapter.start();
  stack.onClose(() => adapter.stop());
  const url = await stack.listen();
  let seq = 0;

  const settle = () => stack.settle({ name: 'the Discord harness', idle: () => adapter.idle() });

  return {
    discord,
    store,
    emulator,
    video,
    adapter,
    url,
    settle,
    async send(payload) {
      const body = JSON.stringify(payload);
      const res = await fetch(`${url}/discord/interactions`, {
        method: 'POST',
        body,
        headers: signHeaders(keys, body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    interaction(type, who, data, extra = {}) {
      const n = ++seq;
      return {
        id: `8${String(n).padStart(17, '0')}`,
        application_id: APP,
        type,
        token: `itok-${n}`,
        guild_id: 'g1',
        channel_id: 'c1',
        member: {
          user: { id: who.id, username: who.id, global_name: `User ${who.id}` },
          permissions: who.perms ?? PERMS.none,
          roles: who.roles ?? [],
        },
        data,
        ...extra,
      };
    },
    result(token) {
      // Skip the '✅ Done.' stub that settles a deferral before a public follow-up.
      return discord.waitFor(
        (r) =>
          r.path.startsWith(`/webhooks/${APP}/${token}`) &&
          r.method !== 'DELETE' &&
          (r.body as { content?: string }).content !== '✅ Done.',
      );
    },
    lastCard() {
      const posts = discord.requests.filter(
        (r) => /^\/channels\/c1\/messages/.test(r.path) && (r.method === 'POST' || r.method === 'PATCH'),
      );
      const cardsOnly = posts.filter((r) => JSON.stringify(r.body).includes('"components":[{'));
      return cardsOnly.at(-1)!.body as ReturnType<DiscordHarness['lastCard']>;
    },
    async meeting() {
      const m = await store.getActiveMeetingInChannel('discord', 'g1', 'c1');
      if (!m) throw new Error('no active meeting');
      return m;
    },
    async join(m, name, userId) {
      const connectionId = await stack.connect(m, 'discord', userId, name);
      await emulator.publish(connectionId);
      return connectionId;
    },
    async close() {
      await stack.close();
      await discord.close();
    },
  };
}

/** `/video <path>` interaction data with typed options (string, boolean or integer), as Discord nests them. */
export function slash(path: string, options: Record<string, unknown> = {}) {
  const leaf = Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3,
    value,
  }));
  const [a, b] = path.split(' ') as [string, string | undefined];
  const sub = { type: 1, name: b ?? a, options: leaf };
  return { name: 'video', type: 1, options: [b ? { type: 2, name: a, options: [sub] } : sub] };
}
