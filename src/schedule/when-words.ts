// The words of `<when>`: a time of day (`10:00`, `9am`, `noon`) and a day (`tomorrow`, `fri`,
// `next fri`, `2026-12-07`, `7 dec`). Each reader returns undefined for text that is not its kind,
// and throws a ScheduleError for text that is its kind but wrong (`25:00`, `12/7`, `2026-02-30`).

import { isRealDate, isoDate, type LocalDate } from './civil.js';
import { ScheduleError } from './errors.js';

/** A time of day, and the text it was read from (echoed back in suggestions). */
export interface TimeOfDay {
  hour: number;
  minute: number;
  text: string;
}

/** The day part of `<when>`, before it is pinned to a date relative to now. */
export type DayWord =
  | { kind: 'date'; date: LocalDate }
  | { kind: 'month-day'; month: number; day: number }
  | { kind: 'today' }
  | { kind: 'tomorrow' }
  | { kind: 'weekday'; weekday: number; next: boolean };

function invalid(userMessage: string, suggestion?: string): never {
  throw new ScheduleError({ code: 'invalid_when', userMessage, ...(suggestion ? { suggestion } : {}) });
}

/** Reads `15:30`, `9:05`, `9am`, `9:30pm`, `12am`, `noon`, `midnight`. */
export function readTime(word: string): TimeOfDay | undefined {
  if (word === 'noon') return { hour: 12, minute: 0, text: word };
  if (word === 'midnight') return { hour: 0, minute: 0, text: word };
  const h24 = /^(\d{1,2}):(\d{2})$/.exec(word);
  if (h24) {
    const hour = Number(h24[1]);
    const minute = Number(h24[2]);
    if (hour > 23 || minute > 59) invalid(`${word} is not a time of day; use 00:00 to 23:59.`);
    return { hour, minute, text: word };
  }
  const h12 = /^(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m?\.?$/.exec(word);
  if (h12) {
    const hour = Number(h12[1]);
    const minute = Number(h12[2] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59) {
      invalid(`${word} is not a time of day; write it like 9am, 1:30pm or 13:30.`);
    }
    return { hour: (hour % 12) + (h12[3] === 'p' ? 12 : 0), minute, text: word };
  }
  return undefined;
}

/** Refuses a bare hour (`9`, `fri 9`) that could be morning or evening. */
export function refuseBareHour(word: string): void {
  if (/^\d{1,2}$/.test(word) && Number(word) <= 24) {
    const h = Number(word);
    const suggestion = `${h % 12 || 12}${h >= 12 ? 'pm' : 'am'}`;
    invalid(
      `${word} could be morning or evening; write ${h % 12 || 12}am, ${h % 12 || 12}pm or ${String(h).padStart(2, '0')}:00.`,
      suggestion,
    );
  }
}

const WEEKDAYS: Record<string, number> = {
  sun: 0, sunday: 0,
  mon: 1, monday: 1,
  tue: 2, tues: 2, tuesday: 2,
  wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5,
  sat: 6, saturday: 6,
}; // prettier-ignore

const MONTH_NAMES = 'january february march april may june july august september october november december';

/** `dec`, `december`, `sept`: month 1-12; three letters at least, and only prefixes of real names. */
function monthNumber(word: string): number | undefined {
  if (word.length < 3) return undefined;
  const i = MONTH_NAMES.split(' ').findIndex((name) => name.startsWith(word));
  return i < 0 ? undefined : i + 1;
}

/** The first date on or after `from` with this month and day (used for year-less forms). */
export function nextMonthDay(from: LocalDate, month: number, day: number): LocalDate | undefined {
  for (let year = from.year; year <= from.year + 4; year++) {
    const date = { year, month, day };
    if (isRealDate(date) && isoDate(date) >= isoDate(from)) return date;
  }
  return undefined;
}

function checkedDate(date: LocalDate, text: string): DayWord {
  if (!isRealDate(date)) invalid(`${text} is not a date on the calendar.`);
  return { kind: 'date', date };
}

/** Reads the day words of `<when>`; `today` is needed to suggest ISO dates for `12/7`. */
export function readDay(text: string, today: LocalDate): DayWord | undefined {
  if (text === 'today') return { kind: 'today' };
  if (['tomorrow', 'tmrw', 'tmr', 'tomorow'].includes(text)) return { kind: 'tomorrow' };
  const weekday = /^(?:(next|this)\s+)?([a-z]+)$/.exec(text);
  if (weekday && WEEKDAYS[weekday[2]!] !== undefined) {
    return { kind: 'weekday', weekday: WEEKDAYS[weekday[2]!]!, next: weekday[1] === 'next' };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return checkedDate({ year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }, text);
  const slashed = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$/.exec(text);
  if (slashed) refuseSlashed(text, Number(slashed[1]), Number(slashed[2]), slashed[3], today);
  const dayMonth = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$/.exec(text);
  const monthDay = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/.exec(text);
  const named = dayMonth
    ? { day: dayMonth[1]!, month: dayMonth[2]!, year: dayMonth[3] }
    : monthDay
      ? { day: monthDay[2]!, month: monthDay[1]!, year: monthDay[3] }
      : undefined;
  const month = named && monthNumber(named.month);
  if (named && month) {
    if (named.year) return checkedDate({ year: Number(named.year), month, day: Number(named.day) }, text);
    if (!nextMonthDay(today, month, Number(named.day))) invalid(`${text} is not a date on the calendar.`);
    return { kind: 'month-day', month, day: Number(named.day) };
  }
  return undefined;
}

/** `12/7` reads as 7 December in some places and 12 July in others: ask for the ISO form. */
function refuseSlashed(
  text: string,
  a: number,
  b: number,
  year: string | undefined,
  today: LocalDate,
): never {
  const fullYear = year === undefined ? undefined : year.length === 2 ? 2000 + Number(year) : Number(year);
  const readings = [
    { month: a, day: b },
    { month: b, day: a },
  ]
    .map(({ month, day }) =>
      fullYear === undefined
        ? nextMonthDay(today, month, day)
        : isRealDate({ year: fullYear, month, day })
          ? { year: fullYear, month, day }
          : undefined,
    )
    .filter((d): d is LocalDate => d !== undefined)
    .map(isoDate);
  const unique = [...new Set(readings)];
  if (unique.length === 0)
    invalid(`${text} is not a date; write dates as YYYY-MM-DD, like ${isoDate(today)}.`);
  throw new ScheduleError({
    code: 'ambiguous_date',
    userMessage:
      unique.length === 1
        ? `Write dates as YYYY-MM-DD so they read the same everywhere: ${unique[0]}.`
        : `${text} could be ${unique.join(' or ')}; write the date as YYYY-MM-DD, for example ${unique[0]}.`,
    suggestion: unique[0]!,
  });
}
