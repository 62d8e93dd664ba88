import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LogLevel } from './log.js';

// The only reader of process.env (main passes it in): one schema, parsed once, with every error
// naming the variable and what to set, so a bad deployment fails at start-up with one clear line.

/** How the bot reaches the Video API. */
export type VideoMode = 'opentok' | 'application' | 'emulator';
/** One way a chat platform reaches the bot. */
export type ChatMode = 'slack-http' | 'slack-socket' | 'discord-gateway' | 'discord-http' | 'shell';

/** Thrown by {@link loadConfig}; `message` is one sentence per problem, each naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Configuration error: ${problems.join(' ')}`);
  }
}

const opt = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const url = (what: string) =>
  opt.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: `must be an http(s) URL such as ${what}`,
  });
const list = opt.transform((v) => (v ? v.split(/[\s,]+/).filter(Boolean) : []));
const optionalPort = opt
  .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) <= 65535), {
    message: 'must be a TCP port number between 0 and 65535',
  })
  .transform((v) => (v === undefined ? undefined : Number(v)));
const port = (fallback: number) => optionalPort.transform((v) => v ?? fallback);
const bool = opt
  .refine((v) => v === undefined || /^(true|false|1|0|yes|no)$/i.test(v), {
    message: 'must be true or false',
  })
  .transform((v) => v !== undefined && /^(true|1|yes)$/i.test(v));

const EnvSchema = z.object({
  VONAGE_API_KEY: opt,
  VONAGE_API_SECRET: opt,
  VONAGE_APPLICATION_ID: opt,
  VONAGE_PRIVATE_KEY: opt,
  VONAGE_VIDEO_API_URL: url('https://api.opentok.com'),
  VONAGE_SIGNATURE_SECRET: opt.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters (the signature secret from the Vonage dashboard)',
  }),
  VONAGE_ALLOW_UNHASHED_CALLBACKS: bool,
  VONAGE_CALLBACK_TOKEN: opt.refine((v) => v === undefined || /^[\w-]{24,128}$/.test(v), {
    message: 'must be 24-128 letters, digits, "-" or "_" (for example the output of `openssl rand -hex 16`)',
  }),
  SLACK_BOT_TOKEN: opt.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'must be a bot token starting with "xoxb-"',
  }),
  SLACK_SIGNING_SECRET: opt,
  SLACK_APP_TOKEN: opt.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must be an app-level token starting with "xapp-"',
  }),
  SLACK_CLIENT_ID: opt,
  SLACK_CLIENT_SECRET: opt,
  SLACK_STATE_SECRET: opt,
  SLACK_API_URL: url('https://slack.com/api/'),
  SLACK_MODERATOR_IDS: list,
  DISCORD_TOKEN: opt,
  DISCORD_APPLICATION_ID: opt.refine((v) => v === undefined || /^\d{15,22}$/.test(v), {
    message: 'must be the numeric application ID from the Discord developer portal',
  }),
  DISCORD_PUBLIC_KEY: opt.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), {
    message: 'must be the 64-hex-digit public key from the Discord developer portal',
  }),
  DISCORD_API_URL: url('https://discord.com/api'),
  DISCORD_GUILD_ID: opt,
  DISCORD_MODERATOR_ROLE: opt,
  MODERATOR_IDS: list,
  JOIN_TICKET_SECRET: opt.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters (for example `openssl rand -hex 32`)',
  }),
  PORT: port(3000),
  PUBLIC_URL: url('https://bot.example.com'),
  DATABASE_URL: opt.refine((v) => v === undefined || /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(v), {
    message: 'must be sqlite:<path> or postgres://user@host/db',
  }),
  LOG_LEVEL: opt.refine((v) => v === undefined || ['debug', 'info', 'warn', 'error'].includes(v), {
    message: 'must be one of debug, info, warn, error',
  }),
  METRICS_PORT: optionalPort,
  METRICS_TOKEN: opt.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters (for example `openssl rand -hex 16`)',
  }),
  EMULATOR_PORT: port(0),
  RECONCILE_INTERVAL_MS: opt.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1000), {
    message: 'must be a number of milliseconds of at least 1000',
  }),
  ROOM_IDLE_END_MINUTES: opt.refine(
    (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1440),
    { message: 'must be a whole number of minutes from 1 to 1440' },
  ),
});

/** The name of an environment variable the bot reads (every key of the schema above). */
export type EnvVariable = keyof z.input<typeof EnvSchema>;
/** Every environment variable the bot reads, in schema order (the README table is generated from it). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as EnvVariable[];

/** The bot's whole configuration, derived once from the environment. */
export interface Config {
  video:
    | { mode: 'opentok'; apiKey: string; apiSecret: string; apiUrl?: string }
    | { mode: 'application'; applicationId: string; privateKey: string; apiUrl?: string }
    | { mode: 'emulator'; port: number; stateFile?: string };
  callbacks: {
    signatureSecret?: string;
    /** Accept signed callbacks without payload_hash (VONAGE_ALLOW_UNHASHED_CALLBACKS). */
    allowUnhashed: boolean;
    pathToken: string;
    pathTokenSource: 'env' | 'derived' | 'random';
  };
  chatModes: ChatMode[];
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    clientId?: string;
    clientSecret?: string;
    stateSecret?: string;
    apiUrl?: string;
    moderatorIds: string[];
  };
  discord: {
    token?: string;
    applicationId?: string;
    publicKey?: string;
    apiUrl?: string;
    guildId?: string;
    moderatorRole?: string;
  };
  moderatorIds: string[];
  ticketSecret: string;
  ticketSecretSource: 'env' | 'derived' | 'random';
  port: number;
  /** GET /metrics: on its own port (only the scraper should reach it), or on `port` behind a bearer token; neither = not served. */
  metrics: { port?: number; token?: string };
  publicUrl: string;
  databaseUrl: string;
  logLevel: LogLevel;
  reconcileIntervalMs: number;
  /** How long after the last person left a channel room's meeting ends (ms). */
  roomIdleEndMs: number;
}

/** Reads a file; injectable so loadConfig stays pure in tests. */
export type ReadFile = (path: string) => string;

const both = (a: string | undefined, b: string | undefined) => (a === undefined) === (b === undefined);

/** A secret for one purpose derived from a shared one (stable for as long as the shared one is). */
export function deriveSecret(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(`video-chatops:${purpose}`).digest('base64url');
}

/** The built-in emulator keeps its state next to a SQLite file (`<name>-emulator.json`); in memory otherwise. */
function emulatorStateFile(databaseUrl = 'sqlite:./data/video-chatops.db'): string | undefined {
  const path = /^sqlite:(?:\/\/)?(.+)$/.exec(databaseUrl)?.[1];
  if (!path || path.startsWith(':memory:') || path.startsWith('file:')) return undefined;
  return `${path.replace(/\.(db|sqlite3?)$/i, '')}-emulator.json`;
}

/**
 * Parses and checks the environment; throws {@link ConfigError} naming every bad variable.
 * Reads VONAGE_PRIVATE_KEY from disk when it is a path (through `readFile`).
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  readFile: ReadFile = (p) => readFileSync(p, 'utf8'),
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}.`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (!both(e.VONAGE_API_KEY, e.VONAGE_API_SECRET))
    problems.push(
      'VONAGE_API_KEY and VONAGE_API_SECRET must be set together (the OpenTok project key and secret).',
    );
  if (!both(e.VONAGE_APPLICATION_ID, e.VONAGE_PRIVATE_KEY))
    problems.push(
      'VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY must be set together (the Vonage application ID and its private key).',
    );
  if (e.VONAGE_API_KEY && e.VONAGE_APPLICATION_ID)
    problems.push(
      'Set either VONAGE_API_KEY/VONAGE_API_SECRET or VONAGE_APPLICATION_ID/VONAGE_PRIVATE_KEY, not both.',
    );
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN)
    problems.push('SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode).');
  if ((e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) && !e.SLACK_BOT_TOKEN && !e.SLACK_CLIENT_ID)
    problems.push(
      'SLACK_SIGNING_SECRET/SLACK_APP_TOKEN need SLACK_BOT_TOKEN (or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET for OAuth).',
    );
  if (e.SLACK_CLIENT_ID && !(e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET && e.SLACK_SIGNING_SECRET))
    problems.push(
      'SLACK_CLIENT_ID needs SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and SLACK_SIGNING_SECRET for multi-workspace OAuth.',
    );
  if ((e.DISCORD_TOKEN || e.DISCORD_PUBLIC_KEY) && !e.DISCORD_APPLICATION_ID)
    problems.push(
      'DISCORD_TOKEN/DISCORD_PUBLIC_KEY need DISCORD_APPLICATION_ID (the numeric application ID).',
    );
  if (e.DISCORD_APPLICATION_ID && !e.DISCORD_TOKEN && !e.DISCORD_PUBLIC_KEY)
    problems.push(
      'DISCORD_APPLICATION_ID needs DISCORD_TOKEN (gateway) or DISCORD_PUBLIC_KEY (HTTP interactions).',
    );

  let privateKey: string | undefined;
  if (e.VONAGE_PRIVATE_KEY) {
    const v = e.VONAGE_PRIVATE_KEY.replace(/\\n/g, '\n').trim();
    if (v.includes('-----BEGIN')) privateKey = v;
    else {
      try {
        privateKey = readFile(v);
      } catch {
        problems.push(
          'VONAGE_PRIVATE_KEY is neither PEM text nor a readable file path; set it to the key text or the path of private.key.',
        );
      }
      if (privateKey !== undefined && !privateKey.includes('-----BEGIN'))
        problems.push(
          'VONAGE_PRIVATE_KEY points at a file that holds no PEM private key; set it to the path of the private.key downloaded from the Vonage dashboard.',
        );
    }
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT)
    problems.push('METRICS_PORT must differ from PORT (metrics are served on their own port).');
  if (problems.length) throw new ConfigError(problems);

  const video: Config['video'] = e.VONAGE_API_KEY
    ? {
        mode: 'opentok',
        apiKey: e.VONAGE_API_KEY,
        apiSecret: e.VONAGE_API_SECRET!,
        apiUrl: e.VONAGE_VIDEO_API_URL,
      }
    : e.VONAGE_APPLICATION_ID
      ? {
          mode: 'application',
          applicationId: e.VONAGE_APPLICATION_ID,
          privateKey: privateKey!,
          apiUrl: e.VONAGE_VIDEO_API_URL,
        }
      : { mode: 'emulator', port: e.EMULATOR_PORT, stateFile: emulatorStateFile(e.DATABASE_URL) };
  // A credential shared by every replica makes derived secrets stable across replicas without extra setup.
  const shared = e.VONAGE_API_SECRET ?? privateKey;
  const chatModes: ChatMode[] = [];
  if (e.SLACK_BOT_TOKEN || e.SLACK_CLIENT_ID)
    chatModes.push(e.SLACK_APP_TOKEN ? 'slack-socket' : 'slack-http');
  if (e.DISCORD_PUBLIC_KEY) chatModes.push('discord-http');
  else if (e.DISCORD_TOKEN) chatModes.push('discord-gateway');
  if (chatModes.length === 0) chatModes.push('shell');

  return {
    video,
    callbacks: {
      signatureSecret: e.VONAGE_SIGNATURE_SECRET,
      allowUnhashed: e.VONAGE_ALLOW_UNHASHED_CALLBACKS,
      pathToken:
        e.VONAGE_CALLBACK_TOKEN ??
        (shared ? deriveSecret(shared, 'callback-path').slice(0, 32) : randomBytes(18).toString('base64url')),
      pathTokenSource: e.VONAGE_CALLBACK_TOKEN ? 'env' : shared ? 'derived' : 'random',
    },
    chatModes,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      stateSecret: e.SLACK_STATE_SECRET,
      apiUrl: e.SLACK_API_URL,
      moderatorIds: e.SLACK_MODERATOR_IDS,
    },
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      publicKey: e.DISCORD_PUBLIC_KEY,
      apiUrl: e.DISCORD_API_URL,
      guildId: e.DISCORD_GUILD_ID,
      moderatorRole: e.DISCORD_MODERATOR_ROLE,
    },
    moderatorIds: [...e.MODERATOR_IDS, ...e.SLACK_MODERATOR_IDS],
    ticketSecret:
      e.JOIN_TICKET_SECRET ??
      (shared ? deriveSecret(shared, 'join-ticket') : randomBytes(32).toString('base64url')),
    ticketSecretSource: e.JOIN_TICKET_SECRET ? 'env' : shared ? 'derived' : 'random',
    port: e.PORT,
    metrics: { port: e.METRICS_PORT, token: e.METRICS_TOKEN },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL ?? 'sqlite:./data/video-chatops.db',
    // The console's log goes to a file (src/log-file.ts), not the terminal, so it logs as much as a server.
    logLevel: (e.LOG_LEVEL as LogLevel | undefined) ?? 'info',
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS ? Number(e.RECONCILE_INTERVAL_MS) : 60_000,
    roomIdleEndMs: (e.ROOM_IDLE_END_MINUTES ? Number(e.ROOM_IDLE_END_MINUTES) : 5) * 60_000,
  };
}
