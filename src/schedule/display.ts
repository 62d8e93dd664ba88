// How a planned time is shown: Slack and Discord render it in each viewer's own zone from an
// epoch; the shell (and Slack's fallback text) get a plain form in one named zone.

import { hhmm, weekday, type LocalDateTime } from './civil.js';
import { formatOffset, offsetMinutes, toLocal } from './zone.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const seconds = (epochMs: number): number => Math.floor(epochMs / 1000);

function day(t: LocalDateTime): string {
  return `${DAYS[weekday(t)]} ${t.day} ${MONTHS[t.month - 1]} ${t.year}`;
}

/** `Mon 7 Dec 2026 15:30 (Europe/Berlin, UTC+01:00)`: a time for the shell and for fallback text. */
export function formatPlain(epochMs: number, zone: string): string {
  const t = toLocal(zone, epochMs);
  return `${day(t)} ${hhmm(t)} (${zone}, UTC${formatOffset(offsetMinutes(zone, epochMs))})`;
}

/** `Mon 7 Dec 2026 15:30–16:00 (Europe/Berlin, UTC+01:00)`, with the end's date when it differs. */
export function formatPlainRange(startMs: number, endMs: number, zone: string): string {
  const a = toLocal(zone, startMs);
  const b = toLocal(zone, endMs);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  const end = sameDay ? hhmm(b) : `${day(b)} ${hhmm(b)}`;
  return `${day(a)} ${hhmm(a)}–${end} (${zone}, UTC${formatOffset(offsetMinutes(zone, startMs))})`;
}

/**
 * Slack's date token: every viewer sees the time in their own zone; clients that cannot render it
 * show the plain form in `fallbackZone`. `format` uses Slack's tokens ({date_short_pretty}, {time}...).
 */
export function slackDate(
  epochMs: number,
  fallbackZone: string,
  format = '{date_short_pretty} at {time}',
): string {
  // `|` and `>` would end the token early; our fallback never has them, the format must not either.
  const safeFormat = format.replace(/[|>^]/g, '');
  return `<!date^${seconds(epochMs)}^${safeFormat}|${formatPlain(epochMs, fallbackZone)}>`;
}

/** Discord's timestamp styles: t/T time, d/D date, f/F date and time, R relative ("in 2 hours"). */
export type DiscordTimestampStyle = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

/** Discord's `<t:epoch:F>` markup: each viewer sees the time in their own zone. */
export function discordTimestamp(epochMs: number, style: DiscordTimestampStyle = 'F'): string {
  return `<t:${seconds(epochMs)}:${style}>`;
}
