import { formatBytes, formatDuration as formatMs } from '../src/cards/format.js';
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

/** A duration in seconds as every view shows it ("45s", "4m 07s", "1h 05m"): the card's formatter. */
export function formatDuration(seconds: number): string {
  return formatMs(seconds * 1000);
}

/** `12.3 MB` for a size in bytes: the card's formatter. */
export const formatSize = formatBytes;

/** Removes credentials from a URI before it is shown or stored (`sip:user:pass@host`, `?token=`). */
export function redactUri(uri: string): string {
  // Every argument of every stored request passes here (stored.ts), nearly all without either
  // character; both replacements need one of them.
  if (!uri.includes('@') && !uri.includes('?')) return uri;
  return uri
    .replace(/^([a-z][a-z0-9+.-]*:(?:\/\/)?)([^@/\s]*):([^@/\s]*)@/i, '$1$2:[redacted]@')
    .replace(/\?.*$/, (q) => (q.length > 1 ? '?[redacted]' : q));
}
