import type { EnvVariable } from './config.js';

// What each environment variable means, for people: the README's configuration table is generated
// from this list (`npm run docs:config`) and a test fails when the two disagree. Typed by the
// schema's keys, so a variable added to src/config.ts does not compile until it is described here.

/** How one variable is documented: its default (when it has one) and what it does. */
export interface VariableDoc {
  default?: string;
  meaning: string;
}

/** Every variable src/config.ts reads, described (table order follows this object). */
export const ENV_DOCS: Readonly<Record<EnvVariable, VariableDoc>> = {
  VONAGE_API_KEY: {
    default: 'built-in emulator',
    meaning: 'OpenTok project API key (X-OPENTOK-AUTH, HS256); set together with `VONAGE_API_SECRET`',
  },
  VONAGE_API_SECRET: { meaning: 'the OpenTok project secret' },
  VONAGE_APPLICATION_ID: {
    meaning: 'Vonage application ID (Bearer RS256); set together with `VONAGE_PRIVATE_KEY`',
  },
  VONAGE_PRIVATE_KEY: { meaning: "the application's private key: PEM text or the path of `private.key`" },
  VONAGE_VIDEO_API_URL: {
    default: 'by credential kind',
    meaning: 'Video API base URL (`https://api.opentok.com` or `https://video.api.vonage.com`)',
  },
  VONAGE_SIGNATURE_SECRET: {
    meaning:
      'verifies signed callbacks at `POST /vonage/events` (at least 16 characters); set it in production',
  },
  VONAGE_ALLOW_UNHASHED_CALLBACKS: {
    default: '`false`',
    meaning:
      'accept signed callbacks whose JWT has no `payload_hash` (their body is then not bound to the signature); for legacy senders only',
  },
  VONAGE_CALLBACK_TOKEN: {
    default: 'derived from the credentials',
    meaning: 'without a signature secret, callbacks go to `POST /vonage/events/<token>`',
  },
  SLACK_BOT_TOKEN: {
    meaning:
      'Slack bot token (`xoxb-`); with `SLACK_SIGNING_SECRET` Slack talks HTTP at `/slack/events`, with `SLACK_APP_TOKEN` Socket Mode',
  },
  SLACK_SIGNING_SECRET: { meaning: 'verifies Slack requests at `POST /slack/events`' },
  SLACK_APP_TOKEN: { meaning: 'app-level token (`xapp-`) for Socket Mode' },
  SLACK_CLIENT_ID: { meaning: 'multi-workspace install at `/slack/install` (with the two below)' },
  SLACK_CLIENT_SECRET: { meaning: 'OAuth client secret for the multi-workspace install' },
  SLACK_STATE_SECRET: { meaning: 'signs the OAuth state of the multi-workspace install' },
  SLACK_API_URL: {
    default: '`https://slack.com/api/`',
    meaning: 'Slack Web API base (tests point it at a fake)',
  },
  SLACK_MODERATOR_IDS: { meaning: 'extra moderators: Slack user IDs, comma or space separated' },
  DISCORD_TOKEN: {
    meaning:
      'Discord bot token: the gateway, role names and card edits (`npm run discord:register` registers `/video`)',
  },
  DISCORD_APPLICATION_ID: { meaning: 'the numeric application ID from the Discord developer portal' },
  DISCORD_PUBLIC_KEY: {
    meaning: 'Discord HTTP interactions at `POST /discord/interactions` (the 64-hex-digit public key)',
  },
  DISCORD_API_URL: {
    default: '`https://discord.com/api`',
    meaning: 'Discord REST base (tests point it at a fake)',
  },
  DISCORD_GUILD_ID: {
    meaning:
      '`npm run discord:register` registers `/video` in this guild only (instantly) instead of globally',
  },
  DISCORD_MODERATOR_ROLE: { meaning: 'a Discord role name whose members are moderators' },
  MODERATOR_IDS: { meaning: 'extra moderators: chat user IDs on any platform, comma or space separated' },
  JOIN_TICKET_SECRET: {
    default: 'derived from the credentials',
    meaning: 'signs join links (at least 32 characters); must be equal on every replica',
  },
  PORT: {
    default: '`3000`',
    meaning: 'the HTTP server: Slack, Discord, Vonage callbacks, join pages, `/healthz`',
  },
  PUBLIC_URL: {
    default: '`http://localhost:<PORT>`',
    meaning: 'the public https address; links and callback URLs are built from it',
  },
  DATABASE_URL: {
    default: '`sqlite:./data/video-chatops.db`',
    meaning: '`sqlite:<path>` for one process, `postgres://…` for several replicas',
  },
  LOG_LEVEL: {
    default: '`info`',
    meaning:
      '`debug`, `info`, `warn` or `error`; JSON lines on stderr, or in `video-chatops.log` in the data folder for the console',
  },
  METRICS_PORT: {
    default: 'not served',
    meaning: 'serve `GET /metrics` on this port only; keep it off the public load balancer',
  },
  METRICS_TOKEN: {
    default: 'not served',
    meaning: 'serve `GET /metrics` on `PORT` to `Authorization: Bearer <token>` (at least 16 characters)',
  },
  EMULATOR_PORT: {
    default: '`0` (any free port)',
    meaning: 'port of the built-in Video API emulator, used when no Vonage credentials are set',
  },
  RECONCILE_INTERVAL_MS: {
    default: '`60000`',
    meaning: 'how often active meetings are compared with the Video API (at least 1000)',
  },
  ROOM_IDLE_END_MINUTES: {
    default: '`5`',
    meaning:
      "a channel room's meeting ends on its own this many minutes after the last person left (1 to 1440)",
  },
};

/** Markers around the generated table in README.md. */
export const TABLE_START =
  '<!-- config-table:start (generated by `npm run docs:config` from src/config-vars.ts) -->';
export const TABLE_END = '<!-- config-table:end -->';

/** The table's rows (header first), one per variable, cells as Markdown. */
export function configTableRows(): string[][] {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    ['variable', 'default', 'meaning'],
    ...Object.entries(ENV_DOCS).map(([name, d]) => [`\`${name}\``, esc(d.default ?? ''), esc(d.meaning)]),
  ];
}

/** The Markdown table (unaligned; the docs script formats it with Prettier). */
export function configTable(): string {
  const [head, ...rows] = configTableRows();
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head!), line(head!.map(() => '---')), ...rows.map(line)].join('\n');
}
