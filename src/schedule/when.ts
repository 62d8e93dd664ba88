// `<when>` as people type it, read in their IANA time zone against an injected `now`:
// `tomorrow 10:00`, `2026-12-07 15:30`, `fri 9am`, `next fri 10:00`, `today 3pm`, `10am`, `7 dec 9:30`,
// `in 2h`, `in 90m`, `in 1h30m`. DST: see resolveLocal (gap moves forward, overlap takes the first).

import { addDays, at, isoDate, hhmm, type LocalDate, type LocalDateTime } from './civil.js';
import { parseMinutes } from './durations.js';
import { ScheduleError } from './errors.js';
import {
  readDay,
  readTime,
  refuseBareHour,
  nextMonthDay,
  type DayWord,
  type TimeOfDay,
} from './when-words.js';
import { formatOffset, offsetMinutes, resolveLocal, toLocal, type LocalFit } from './zone.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** How far ahead a meeting may be planned by default. */
export const MAX_AHEAD_DAYS = 366;

/** What `<when>` meant: the instant, its wall time in the zone, and how DST bent it. */
export interface When {
  startMs: number;
  zone: string;
  /** The wall time of `startMs` in `zone` (after any move out of a DST gap). */
  local: LocalDateTime;
  /** The wall time asked for; differs from `local` only in a DST gap. A series keeps this one. */
  requested: LocalDateTime;
  fit: LocalFit;
  /** One sentence to show when DST moved or disambiguated the time; absent when it fitted exactly. */
  note?: string;
}

/** The zone and clock `<when>` is read against. */
export interface WhenContext {
  /** A valid IANA zone (see resolveTimeZone). */
  zone: string;
  nowMs: number;
  maxAheadDays?: number;
}

const EXAMPLES = 'tomorrow 10:00, fri 9am, 2026-12-07 15:30 or in 2h';

function refuse(code: 'invalid_when' | 'past' | 'too_far', userMessage: string, suggestion?: string): never {
  throw new ScheduleError({ code, userMessage, ...(suggestion ? { suggestion } : {}) });
}

function quoted(text: string): string {
  return `"${text.length > 40 ? text.slice(0, 39) + '…' : text}"`;
}

/** Reads `<when>` into an instant in the future, or throws a ScheduleError with one sentence. */
export function parseWhen(input: string, ctx: WhenContext): When {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(\d) (am|pm|a\.m\.|p\.m\.)(?= |$)/g, '$1$2')
    .replace(/(^| )(at|on)(?= )/g, '')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') refuse('invalid_when', `Say when, for example ${EXAMPLES}.`);
  if (text.length > 60) refuse('invalid_when', `That is too long to be a time; write it like ${EXAMPLES}.`);
  const nowMinute = Math.floor(ctx.nowMs / MINUTE_MS) * MINUTE_MS;
  const maxAheadMs = (ctx.maxAheadDays ?? MAX_AHEAD_DAYS) * DAY_MS;

  const relative = /^in (.+)$/.exec(text);
  if (relative) {
    const minutes = parseMinutes(relative[1]!);
    if (minutes === undefined || minutes < 1) {
      refuse(
        'invalid_when',
        `${quoted(input.trim())} is not a length of time; write it like in 2h, in 90m or in 1h30m.`,
      );
    }
    const startMs = nowMinute + minutes * MINUTE_MS;
    if (startMs - ctx.nowMs > maxAheadMs) tooFar(ctx);
    const local = toLocal(ctx.zone, startMs);
    return { startMs, zone: ctx.zone, local, requested: local, fit: 'exact' };
  }

  const words = text.split(' ');
  const today = toLocal(ctx.zone, ctx.nowMs);
  let time: TimeOfDay | undefined;
  let dayText = '';
  const last = words[words.length - 1]!;
  if ((time = readTime(last))) dayText = words.slice(0, -1).join(' ');
  else if ((time = readTime(words[0]!))) dayText = words.slice(1).join(' ');

  const day = readDay(dayText, today);
  if (!time) {
    if (day || readDay(text, today)) {
      refuse(
        'invalid_when',
        `Add a time of day, for example ${dayText || text} 10:00.`,
        `${dayText || text} 10:00`,
      );
    }
    refuseBareHour(last);
    refuse('invalid_when', `I could not read ${quoted(input.trim())} as a time; write it like ${EXAMPLES}.`);
  }
  if (dayText !== '' && !day) {
    refuse('invalid_when', `I could not read ${quoted(dayText)} as a day; write it like ${EXAMPLES}.`);
  }

  const local = pin(day, time, today, ctx);
  const resolved = resolveLocal(ctx.zone, local);
  if (resolved.epochMs <= ctx.nowMs) {
    refuse('past', `That time has passed; did you mean tomorrow ${time.text}?`, `tomorrow ${time.text}`);
  }
  if (resolved.epochMs - ctx.nowMs > maxAheadMs) tooFar(ctx);
  const when: When = {
    startMs: resolved.epochMs,
    zone: ctx.zone,
    local: toLocal(ctx.zone, resolved.epochMs),
    requested: local,
    fit: resolved.fit,
  };
  const note = dstNote(when, local);
  return note ? { ...when, note } : when;
}

function tooFar(ctx: WhenContext): never {
  refuse('too_far', `Meetings can be planned at most ${ctx.maxAheadDays ?? MAX_AHEAD_DAYS} days ahead.`);
}

/** The wall time a day word and a time of day mean, seen from `today` (the wall time now). */
function pin(
  day: DayWord | undefined,
  time: TimeOfDay,
  today: LocalDateTime,
  ctx: WhenContext,
): LocalDateTime {
  const on = (d: LocalDate): LocalDateTime => at(d, time.hour, time.minute);
  const isFuture = (d: LocalDate): boolean => resolveLocal(ctx.zone, on(d)).epochMs > ctx.nowMs;
  if (!day) return isFuture(today) ? on(today) : on(addDays(today, 1));
  switch (day.kind) {
    case 'today':
      return on(today);
    case 'tomorrow':
      return on(addDays(today, 1));
    case 'date':
      return on(day.date);
    case 'month-day':
      return on(nextMonthDay(today, day.month, day.day)!);
    case 'weekday': {
      const todayWeekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
      let ahead = (day.weekday - todayWeekday + 7) % 7;
      if (ahead === 0 && (day.next || !isFuture(today))) ahead = 7;
      return on(addDays(today, ahead));
    }
  }
}

/** A sentence when DST changed the requested wall time or had to pick one of two instants. */
function dstNote(when: When, requested: LocalDateTime): string | undefined {
  const on = `on ${isoDate(requested)} in ${when.zone}`;
  if (when.fit === 'gap') {
    return `${hhmm(requested)} does not exist ${on} because the clocks go forward; the meeting is at ${hhmm(when.local)}.`;
  }
  if (when.fit === 'overlap') {
    const offset = formatOffset(offsetMinutes(when.zone, when.startMs));
    return `${hhmm(requested)} happens twice ${on} because the clocks go back; the meeting is at the first one (UTC${offset}).`;
  }
  return undefined;
}
