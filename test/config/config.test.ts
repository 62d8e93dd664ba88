import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

// loadConfig is pure: every case passes its own environment (and file reader).

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const noFiles = (path: string): string => {
  throw new Error(`no file ${path}`);
};

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env, noFiles);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('keeps the built-in emulator state next to a SQLite file, and in memory otherwise', () => {
    const stateFile = (DATABASE_URL: string) =>
      (loadConfig({ DATABASE_URL }, noFiles).video as { stateFile?: string }).stateFile;
    expect(stateFile('sqlite:/var/lib/bot/chatops.db')).toBe('/var/lib/bot/chatops-emulator.json');
    expect(stateFile('sqlite::memory:')).toBeUndefined();
    expect(stateFile('postgres://u@db/x')).toBeUndefined();
  });

  it('runs the shell on the emulator with nothing set', () => {
    const c = loadConfig({}, noFiles);
    expect(c.video).toEqual({ mode: 'emulator', port: 0, stateFile: './data/video-chatops-emulator.json' });
    expect(c.chatModes).toEqual(['shell']);
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.databaseUrl).toBe('sqlite:./data/video-chatops.db');
    expect(c.logLevel).toBe('info');
    expect(c.ticketSecretSource).toBe('random');
    expect(c.callbacks.pathToken.length).toBeGreaterThanOrEqual(24);
  });

  it('derives OpenTok mode and secrets that are stable across replicas', () => {
    const env = {
      VONAGE_API_KEY: '12345678',
      VONAGE_API_SECRET: 's3cr3t',
      PORT: '8080',
      PUBLIC_URL: 'https://bot.example.com/',
    };
    const a = loadConfig(env, noFiles);
    const b = loadConfig(env, noFiles);
    expect(a.video).toMatchObject({ mode: 'opentok', apiKey: '12345678' });
    expect(a.publicUrl).toBe('https://bot.example.com');
    expect(a.ticketSecret).toBe(b.ticketSecret);
    expect(a.ticketSecretSource).toBe('derived');
    expect(a.callbacks.pathToken).toBe(b.callbacks.pathToken);
    expect(a.ticketSecret).not.toContain('s3cr3t');
  });

  it('takes the private key as PEM text, escaped PEM or a file path', () => {
    const direct = loadConfig({ VONAGE_APPLICATION_ID: 'app-1', VONAGE_PRIVATE_KEY: pem }, noFiles);
    expect(direct.video).toMatchObject({ mode: 'application', privateKey: pem.trim() });
    const escaped = loadConfig(
      { VONAGE_APPLICATION_ID: 'app-1', VONAGE_PRIVATE_KEY: pem.replace(/\n/g, '\\n') },
      noFiles,
    );
    expect(escaped.video).toMatchObject({ privateKey: pem.trim() });
    const fromFile = loadConfig(
      { VONAGE_APPLICATION_ID: 'app-1', VONAGE_PRIVATE_KEY: '/keys/private.key' },
      (p) => (p === '/keys/private.key' ? pem : noFiles(p)),
    );
    expect(fromFile.video).toMatchObject({ privateKey: pem });
  });

  it('derives chat modes from credentials', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'x' }, noFiles).chatModes).toEqual([
      'slack-http',
    ]);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, noFiles).chatModes).toEqual([
      'slack-socket',
    ]);
    expect(
      loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678' }, noFiles).chatModes,
    ).toEqual(['discord-gateway']);
    const both = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'x',
        DISCORD_PUBLIC_KEY: 'a'.repeat(64),
        DISCORD_APPLICATION_ID: '123456789012345678',
      },
      noFiles,
    );
    expect(both.chatModes).toEqual(['slack-http', 'discord-http']);
    expect(loadConfig({ MODERATOR_IDS: 'U1, U2', SLACK_MODERATOR_IDS: 'U3' }, noFiles).moderatorIds).toEqual([
      'U1',
      'U2',
      'U3',
    ]);
  });

  it('names the variable and what to set for every bad value', () => {
    expect(problems({ PORT: 'abc' })).toContain('PORT must be a TCP port number between 0 and 65535');
    expect(problems({ PUBLIC_URL: 'bot.example.com' })).toContain('PUBLIC_URL must be an http(s) URL');
    expect(problems({ DATABASE_URL: 'mysql://x' })).toContain(
      'DATABASE_URL must be sqlite:<path> or postgres://',
    );
    expect(problems({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL must be one of debug, info, warn, error');
    expect(problems({ VONAGE_API_KEY: '123' })).toContain(
      'VONAGE_API_KEY and VONAGE_API_SECRET must be set together',
    );
    expect(problems({ VONAGE_APPLICATION_ID: 'a', VONAGE_PRIVATE_KEY: '/missing.key' })).toContain(
      'VONAGE_PRIVATE_KEY is neither PEM text nor a readable file path',
    );
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET');
    expect(problems({ SLACK_BOT_TOKEN: 'abc', SLACK_SIGNING_SECRET: 's' })).toContain(
      'SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"',
    );
    expect(problems({ DISCORD_TOKEN: 't' })).toContain(
      'DISCORD_TOKEN/DISCORD_PUBLIC_KEY need DISCORD_APPLICATION_ID',
    );
    expect(problems({ JOIN_TICKET_SECRET: 'short' })).toContain(
      'JOIN_TICKET_SECRET must be at least 32 characters',
    );
    expect(problems({ VONAGE_CALLBACK_TOKEN: 'guessable' })).toContain(
      'VONAGE_CALLBACK_TOKEN must be 24-128',
    );
    expect(problems({ METRICS_PORT: '3000' })).toContain('METRICS_PORT must differ from PORT');
    expect(problems({ METRICS_TOKEN: 'short' })).toContain('METRICS_TOKEN must be at least 16 characters');
    expect(problems({ VONAGE_ALLOW_UNHASHED_CALLBACKS: 'maybe' })).toContain(
      'VONAGE_ALLOW_UNHASHED_CALLBACKS must be true or false',
    );
    const two = problems({ PORT: '99999', LOG_LEVEL: 'x' });
    expect(two).toContain('PORT');
    expect(two).toContain('LOG_LEVEL');
  });

  it('never puts a secret value in an error message', () => {
    const msg = problems({ VONAGE_API_SECRET: 'topsecretvalue', SLACK_SIGNING_SECRET: 'anothersecret' });
    expect(msg).not.toContain('topsecretvalue');
    expect(msg).not.toContain('anothersecret');
  });

  it('reads the metrics and legacy-callback settings', () => {
    const c = loadConfig({
      METRICS_PORT: '9464',
      METRICS_TOKEN: 'a-metrics-token-0123',
      VONAGE_ALLOW_UNHASHED_CALLBACKS: 'true',
    });
    expect(c.metrics).toEqual({ port: 9464, token: 'a-metrics-token-0123' });
    expect(c.callbacks.allowUnhashed).toBe(true);
    expect(loadConfig({}).metrics).toEqual({ port: undefined, token: undefined });
    expect(loadConfig({}).callbacks.allowUnhashed).toBe(false);
  });
});
