// Bolt and @slack/web-api log through their own Logger interface; this routes them into our
// structured (redacting) logger so tokens in their debug output never reach stderr in clear.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

function text(parts: unknown[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p)))
    .join(' ');
}

/** Wraps our logger as a Bolt logger (level changes are ignored: ours is configured once). */
export function boltLogger(log: Logger, level: LogLevel = LogLevel.WARN): BoltLogger {
  let current = level;
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const on = (l: LogLevel) => order.indexOf(l) >= order.indexOf(current);
  return {
    debug: (...m: unknown[]) => on(LogLevel.DEBUG) && log.debug(text(m), { source: 'bolt' }),
    info: (...m: unknown[]) => on(LogLevel.INFO) && log.info(text(m), { source: 'bolt' }),
    warn: (...m: unknown[]) => on(LogLevel.WARN) && log.warn(text(m), { source: 'bolt' }),
    error: (...m: unknown[]) => on(LogLevel.ERROR) && log.error(text(m), { source: 'bolt' }),
    setLevel: (l: LogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: () => {},
  };
}
