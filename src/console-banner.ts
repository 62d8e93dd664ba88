import { parseStoreUrl } from './store/url.js';

// What `npm start` prints once when the console opens: where the bot listens, which Video API it
// uses, where its data and log live, and how to leave. Pure, so it is tested without a terminal.

/** The facts the banner states. */
export interface BannerFacts {
  /** Base URL of the HTTP server (join pages, /healthz, callbacks). */
  url: string;
  video:
    | { kind: 'built-in'; url: string; stateFile?: string }
    | { kind: 'standalone'; url: string }
    | { kind: 'vonage' };
  databaseUrl: string;
  /** The file the log goes to (console mode), if any. */
  logFile?: string;
}

/** The start banner, several lines ending with a newline. */
export function startBanner(f: BannerFacts): string {
  const video =
    f.video.kind === 'built-in'
      ? `the built-in Vonage Video API emulator at ${f.video.url} (no real media; \`sim\` adds participants)`
      : f.video.kind === 'standalone'
        ? `the standalone emulator at ${f.video.url} (\`sim\` adds participants)`
        : 'Vonage Video API (real meetings)';
  const lines = [
    'video-chatops console',
    `  HTTP:   ${f.url} (join pages, ${f.url}/healthz, Vonage callbacks)`,
    `  Video:  ${video}`,
    `  Data:   ${dataText(f)}`,
  ];
  if (f.logFile) lines.push(`  Log:    ${f.logFile}`);
  lines.push(
    '  Leave with `quit` or Ctrl-D; `help` lists the console commands, `/video help` the bot commands.',
  );
  return `${lines.join('\n')}\n`;
}

function dataText(f: BannerFacts): string {
  let loc: ReturnType<typeof parseStoreUrl>;
  try {
    loc = parseStoreUrl(f.databaseUrl);
  } catch {
    return 'unknown (DATABASE_URL is not valid)';
  }
  if (loc.kind === 'postgres') return `Postgres at ${loc.where} (kept across restarts)`;
  if (loc.path.startsWith(':memory:')) return 'in memory only: everything is gone when the bot stops';
  const emu = f.video.kind === 'built-in' && f.video.stateFile ? ` and ${f.video.stateFile} (emulator)` : '';
  return `${loc.path} (SQLite)${emu}; kept across restarts`;
}
