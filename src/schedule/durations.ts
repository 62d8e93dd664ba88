// Lengths people type: `30m`, `1h`, `1h30m`, `90 minutes`, `2 days`. One parser for meeting
// durations, reminders and `in <duration>`, each with its own bounds.

import { ScheduleError, type ScheduleErrorCode } from './errors.js';

const UNIT_MINUTES: Record<string, number> = {
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  day: 1440,
  days: 1440,
};

const PART = /(\d{1,4})\s*([a-z]+)/g;

/** Minutes in `text` (`30m`, `1h30m`, `1h 30m`, `2 hours`), or undefined when it is not a length. */
export function parseMinutes(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (s.length > 40 || !/^(\d{1,4}\s*[a-z]+\s*)+$/.test(s)) return undefined;
  let total = 0;
  for (const [, amount, unit] of s.matchAll(PART)) {
    const per = UNIT_MINUTES[unit!];
    if (per === undefined) return undefined;
    total += Number(amount) * per;
  }
  return total;
}

/** `45m`, `1h`, `1h 30m`, `2d 3h`: the one way a planned length is shown, in the form people type. */
export function formatMinutes(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0m';
}

/** Bounds of a length option, inclusive, in minutes. */
interface Bounds {
  min: number;
  max: number;
}

/** Meeting length: 5 minutes to 12 hours (`--duration`). */
export const DURATION_BOUNDS: Readonly<Bounds> = { min: 5, max: 12 * 60 };
/** Reminder lead time: 1 minute to 7 days before the start (`--remind`). */
export const REMIND_BOUNDS: Readonly<Bounds> = { min: 1, max: 7 * 1440 };
/** Default meeting length when `--duration` is not given. */
export const DEFAULT_DURATION_MINUTES = 30;

function bounded(
  text: string,
  bounds: Bounds,
  code: ScheduleErrorCode,
  what: string,
  example: string,
): number {
  const minutes = parseMinutes(text);
  if (minutes === undefined) {
    const bare = /^\s*\d+\s*$/.test(text);
    throw new ScheduleError({
      code,
      userMessage: bare
        ? `"${text.trim()}" needs a unit: write ${text.trim()}m for minutes or ${text.trim()}h for hours.`
        : `"${text.trim()}" is not a ${what}; write it like ${example}.`,
      ...(bare ? { suggestion: `${text.trim()}m` } : {}),
    });
  }
  if (minutes < bounds.min || minutes > bounds.max) {
    throw new ScheduleError({
      code,
      userMessage: `A ${what} must be between ${formatMinutes(bounds.min)} and ${formatMinutes(bounds.max)}; ${formatMinutes(minutes)} is out of range.`,
    });
  }
  return minutes;
}

/** Minutes of a `--duration` value, within {@link DURATION_BOUNDS}, or a ScheduleError. */
export function parseDuration(text: string): number {
  return bounded(text, DURATION_BOUNDS, 'invalid_duration', 'meeting length', '30m, 1h or 1h30m');
}

/** Minutes of a `--remind` value, within {@link REMIND_BOUNDS}, or a ScheduleError. */
export function parseReminder(text: string): number {
  return bounded(text, REMIND_BOUNDS, 'invalid_reminder', 'reminder time', '10m, 1h or 1d');
}
