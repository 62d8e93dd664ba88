import type { Block, View } from '../src/chat.js';

// Small builders so every command's reply looks the same on every platform.

/** An ephemeral notice, optionally followed by more blocks. */
export function notice(
  level: 'info' | 'success' | 'warning' | 'error',
  text: string,
  more: Block[] = [],
): View {
  return { visibility: 'ephemeral', blocks: [{ type: 'notice', level, text }, ...more] };
}

/** A success notice everyone in the channel sees (moderation actions are announced). */
export function announce(text: string, more: Block[] = []): View {
  return { visibility: 'channel', blocks: [{ type: 'notice', level: 'success', text }, ...more] };
}

/** An error reply: one sentence plus, when given, the usage line. */
export function errorView(text: string, usage?: string, level: 'error' | 'warning' = 'error'): View {
  return notice(level, text, usage ? [{ type: 'context', text: `Usage: \`${usage}\`` }] : []);
}

/** `1:05:09` / `4:07` for a duration in seconds. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** `12.3 MB` for a size in bytes. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) [v, u] = [v / 1024, u + 1];
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** Removes credentials from a URI before it is shown or stored (`sip:user:pass@host`, `?token=`). */
export function redactUri(uri: string): string {
  return uri
    .replace(/^([a-z][a-z0-9+.-]*:(?:\/\/)?)([^@/\s]*):([^@/\s]*)@/i, '$1$2:[redacted]@')
    .replace(/\?.*$/, (q) => (q.length > 1 ? '?[redacted]' : q));
}
