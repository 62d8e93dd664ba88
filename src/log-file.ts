import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createLogger, type Logger, type LogLevel } from './log.js';
import { parseStoreUrl } from './store/url.js';

// The console shares the terminal with the person typing, so in console mode the JSON log lines go
// to a file in the data folder instead of stderr (the start banner says where).

/**
 * The folder the bot keeps its files in: the SQLite file's folder, or `./data` when the store keeps
 * no file (in memory, Postgres).
 */
export function dataFolder(databaseUrl: string): string {
  try {
    const loc = parseStoreUrl(databaseUrl);
    if (loc.kind === 'sqlite' && !loc.path.startsWith(':memory:') && !loc.path.startsWith('file:'))
      return dirname(loc.path);
  } catch {
    // A bad DATABASE_URL is reported by the store when it opens; the log still needs a place.
  }
  return './data';
}

/** Where the console's log goes. */
export function consoleLogPath(databaseUrl: string): string {
  const folder = dataFolder(databaseUrl);
  const path = join(folder, 'video-chatops.log');
  // Said as the data folder is (`./data/...`, like the SQLite file), not normalised to `data/...`.
  return folder.startsWith('./') && !path.startsWith('.') ? `./${path}` : path;
}

/** A logger appending JSON lines to `path` (its folder is created), with the same redaction as stderr. */
export function fileLogger(path: string, level: LogLevel): { log: Logger; close(): Promise<void> } {
  mkdirSync(dirname(path), { recursive: true });
  // Only the bot's user reads it, like the emulator's state file: a log is redacted, not public.
  const out = createWriteStream(path, { flags: 'a', mode: 0o600 });
  // A log that cannot be written must not take the bot down; say it once on stderr.
  let failed = false;
  out.on('error', (err) => {
    if (!failed) process.stderr.write(`Cannot write the log file ${path}: ${err.message}\n`);
    failed = true;
  });
  return {
    log: createLogger({ level, write: (line) => void (failed || out.write(`${line}\n`)) }),
    close: () => new Promise((resolve) => out.end(resolve)),
  };
}
