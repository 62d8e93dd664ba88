// Calendar arithmetic on wall-clock dates and times, with no time zone: the proleptic Gregorian
// calendar through Date.UTC, so month lengths and leap years come from the engine, not from us.

/** A calendar date: month 1-12, day 1-31. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock date and time to the minute (schedules are planned to the minute). */
export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date. */
export function epochDay(d: LocalDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

/** The calendar date `n` days after 1970-01-01. */
export function fromEpochDay(n: number): LocalDate {
  const t = new Date(n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The date `days` days after `d` (negative goes back). */
export function addDays(d: LocalDate, days: number): LocalDate {
  return fromEpochDay(epochDay(d) + days);
}

/** Day of the week, 0 = Sunday ... 6 = Saturday (as Date#getDay). */
export function weekday(d: LocalDate): number {
  return (((epochDay(d) + 4) % 7) + 7) % 7;
}

/** Number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when year/month/day names a real date (no 30 February). */
export function isRealDate(d: LocalDate): boolean {
  return (
    Number.isInteger(d.year) &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** The wall time read as if it were UTC, in milliseconds: a total order on wall times. */
export function wallMs(t: LocalDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
}

/** The wall time of a `wallMs` value. */
export function fromWallMs(ms: number): LocalDateTime {
  const t = new Date(ms);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
  };
}

/** A date and a time of day combined. */
export function at(d: LocalDate, hour: number, minute: number): LocalDateTime {
  return { year: d.year, month: d.month, day: d.day, hour, minute };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-12-07`. */
export function isoDate(d: LocalDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** `15:30`. */
export function hhmm(t: { hour: number; minute: number }): string {
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/** `2026-12-07 15:30`, the form `<when>` accepts back. */
export function isoDateTime(t: LocalDateTime): string {
  return `${isoDate(t)} ${hhmm(t)}`;
}
