// Small text formatters shared by the card and follow-up views.

/** "45s", "12m 05s", "1h 02m" from milliseconds. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** "14:05 UTC" for a time of day (chat platforms show no local time in a neutral view). */
export function formatClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** "512 B", "3.4 MB" from bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** An RTMP/SIP URL fit for a channel: no credentials, no query string, no path beyond the app. */
export function safeServerUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname.split('/').slice(0, 2).join('/')}`;
  } catch {
    return '(hidden)';
  }
}

/** Strips characters that would break the neutral bold and code markup. */
export function plain(text: string, max = 80): string {
  const cleaned = text
    .replace(/[*`_~<>|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > max ? cleaned.slice(0, max - 1) + '…' : cleaned;
}
