import { PassThrough } from 'node:stream';
import { createShell, type Shell } from '../../adapters/shell/index.js';
import type { FrontDoor } from '../../commands/front-door.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startApp, type App } from '../../src/main.js';
import { testDoor } from '../support/context.js';
import type { Emulator } from '../../src/emulator/index.js';
import { callbackPath } from '../../src/events/index.js';
import type { MeetingRecord } from '../../src/store/types.js';

/** The whole bot on the emulator (SQLite in memory, real HTTP server and callbacks) driven through the shell. */
export interface ShellRig {
  app: App;
  shell: Shell;
  /** The front door the console goes through (its Video API calls are counted). */
  door: FrontDoor;
  /** Video API calls made by the command core, by method name. */
  calls: Map<string, number>;
  /** Total Video API calls so far. */
  callCount(): number;
  /** The active meeting of the shell's channel (throws when there is none). */
  meeting(channel?: string): Promise<MeetingRecord>;
  /** Everything printed so far. */
  transcript(): string;
  /** Feeds lines (answers to prompts included) and returns what was printed while handling them. */
  run(...lines: string[]): Promise<string>;
  /** Waits until the transcript after `from` matches (card edits arrive asynchronously). */
  waitFor(pattern: RegExp, from?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a rig; `env` adds configuration (e.g. MODERATOR_IDS). With `emulator`, the bot talks to that
 * already running emulator as if it were Vonage (so the bot can restart while the meeting goes on).
 */
export async function startRig(env: Record<string, string> = {}, external?: Emulator): Promise<ShellRig> {
  const vonage = external
    ? {
        VONAGE_API_KEY: external.apiKey,
        VONAGE_API_SECRET: external.apiSecret,
        VONAGE_VIDEO_API_URL: external.url,
      }
    : {};
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    PORT: '0',
    PUBLIC_URL: 'http://bot.test',
    JOIN_TICKET_SECRET: 'test-ticket-secret-0123456789abcdef',
    ...vonage,
    ...env,
  });
  const app = await startApp(config, silentLogger, { host: '127.0.0.1' });
  if (external) external.setCallbackUrl(`${app.url}${callbackPath(app.config.callbacks)}`);
  const emulator = external ?? app.emulator;
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  // Count Video API calls at the client's surface, so tests can prove bad input never reaches it.
  const calls = new Map<string, number>();
  const video = new Proxy(app.ctx.video, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const ctx = { ...app.ctx, video };
  const door = testDoor(ctx);
  const shell = createShell({
    input,
    output,
    door,
    log: silentLogger,
    ...(emulator ? { sim: { emulator, store: app.store, video } } : {}),
    interactive: false,
  });
  app.cards.registerPublisher(shell.publisher);
  const run = async (...lines: string[]) => {
    const from = text.length;
    await Promise.all(lines.map((l) => shell.submit(l)));
    return text.slice(from);
  };
  const waitFor = async (pattern: RegExp, from = 0) => {
    for (let i = 0; i < 400; i++) {
      const slice = text.slice(from);
      if (pattern.test(slice)) return slice;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`transcript never matched ${String(pattern)}:\n${text.slice(from)}`);
  };
  return {
    app,
    shell,
    door,
    calls,
    callCount: () => [...calls.values()].reduce((a, b) => a + b, 0),
    meeting: async (channel = 'general') => {
      const m = await app.store.getActiveMeetingInChannel('shell', 'local', channel);
      if (!m) throw new Error(`no active meeting in #${channel}`);
      return m;
    },
    transcript: () => text,
    run,
    waitFor,
    stop: async () => {
      input.end();
      await shell.done;
      await app.stop();
    },
  };
}
