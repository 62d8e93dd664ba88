// Planned meetings as data: one occurrence or a series (`--every weekday|week|2weeks|month`) in a
// zone, keeping the local wall time across DST changes, with cancelled occurrences as exceptions.

import { addDays, daysInMonth, weekday, type LocalDateTime } from './civil.js';
import { ScheduleError } from './errors.js';
import { resolveLocal, type LocalFit } from './zone.js';

/** How a series repeats. */
export type Every = 'weekday' | 'week' | '2weeks' | 'month';

/** Every accepted `--every` value. */
export const EVERY_VALUES: readonly Every[] = ['weekday', 'week', '2weeks', 'month'];

const EVERY_ALIASES: Record<string, Every> = {
  weekday: 'weekday',
  weekdays: 'weekday',
  week: 'week',
  weekly: 'week',
  '2weeks': '2weeks',
  '2week': '2weeks',
  '2 weeks': '2weeks',
  biweekly: '2weeks',
  fortnight: '2weeks',
  fortnightly: '2weeks',
  month: 'month',
  monthly: 'month',
};

/** Reads `--every` (also `weekly`, `biweekly`, `monthly`), or throws a ScheduleError. */
export function parseEvery(text: string): Every {
  const every = EVERY_ALIASES[text.trim().toLowerCase().replace(/\s+/g, ' ')];
  if (every) return every;
  const daily = /^(day|daily)$/i.test(text.trim());
  throw new ScheduleError({
    code: 'invalid_recurrence',
    userMessage: daily
      ? 'Daily series are not offered; use --every weekday for Monday to Friday.'
      : `--every takes weekday, week, 2weeks or month, not "${text.trim().slice(0, 20)}".`,
    ...(daily ? { suggestion: 'weekday' } : {}),
  });
}

/** A planned meeting: its first wall time in a zone, its length, and how (if) it repeats. */
export interface Plan {
  zone: string;
  /** Wall time of the first occurrence as asked for; every occurrence keeps this time of day. */
  first: LocalDateTime;
  durationMinutes: number;
  every?: Every;
  /** Start instants (epoch ms) of occurrences cancelled one by one; the series goes on without them. */
  exceptions: readonly number[];
  /** Set when the whole plan was cancelled: no occurrence starting at or after this instant remains. */
  cancelledFromMs?: number;
}

/** One occurrence of a plan. */
export interface Occurrence {
  /** 0 for the first occurrence, counting every occurrence (cancelled ones too). */
  index: number;
  startMs: number;
  endMs: number;
  /** The wall time asked for on that day (DST may move `startMs` out of a gap: see `fit`). */
  local: LocalDateTime;
  fit: LocalFit;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The plan for a first wall time and options; a weekday series asked to start on a Saturday or
 * Sunday starts on the following Monday, so the first occurrence is always one of the series.
 */
export function makePlan(init: {
  zone: string;
  first: LocalDateTime;
  durationMinutes: number;
  every?: Every;
}): Plan {
  let first = init.first;
  if (init.every === 'weekday') {
    const w = weekday(first);
    if (w === 0 || w === 6)
      first = { ...addDays(first, w === 6 ? 2 : 1), hour: first.hour, minute: first.minute };
  }
  return { ...init, first, exceptions: [] };
}

/** The plan of a stored schedule (the store's ScheduleRecord has this shape, with nulls for "none"). */
export function planFromRecord(r: {
  zone: string;
  first: LocalDateTime;
  durationMinutes: number;
  every: Every | null;
  exceptions: readonly number[];
  cancelledFrom: number | null;
}): Plan {
  return {
    zone: r.zone,
    first: r.first,
    durationMinutes: r.durationMinutes,
    ...(r.every ? { every: r.every } : {}),
    exceptions: r.exceptions,
    ...(r.cancelledFrom !== null ? { cancelledFromMs: r.cancelledFrom } : {}),
  };
}

/** The wall time of occurrence `index` (0-based) before DST is applied. */
export function occurrenceLocal(plan: Plan, index: number): LocalDateTime {
  const { first } = plan;
  const time = { hour: first.hour, minute: first.minute };
  switch (plan.every) {
    case undefined:
      return first;
    case 'week':
      return { ...addDays(first, 7 * index), ...time };
    case '2weeks':
      return { ...addDays(first, 14 * index), ...time };
    case 'month': {
      const months = first.month - 1 + index;
      const year = first.year + Math.floor(months / 12);
      const month = (months % 12) + 1;
      return { year, month, day: Math.min(first.day, daysInMonth(year, month)), ...time };
    }
    case 'weekday': {
      // Count weekdays from the first one's position in its Monday-to-Friday week.
      const position = weekday(first) - 1;
      const total = position + index;
      return { ...addDays(first, Math.floor(total / 5) * 7 + (total % 5) - position), ...time };
    }
  }
}

/** Occurrence `index` of a plan with its instants. */
export function occurrenceAt(plan: Plan, index: number): Occurrence {
  const local = occurrenceLocal(plan, index);
  const { epochMs, fit } = resolveLocal(plan.zone, local);
  return { index, startMs: epochMs, endMs: epochMs + plan.durationMinutes * MINUTE_MS, local, fit };
}

/** True when an occurrence was cancelled, alone or with the whole plan. */
export function isCancelled(plan: Plan, occurrence: Occurrence): boolean {
  return (
    plan.exceptions.includes(occurrence.startMs) ||
    (plan.cancelledFromMs !== undefined && occurrence.startMs >= plan.cancelledFromMs)
  );
}

const PERIOD_DAYS: Record<Every, number> = { week: 7, '2weeks': 14, month: 31, weekday: 7 / 5 };
// A series is read at most this many occurrences past the estimate: enough for a year of exceptions.
const SCAN_LIMIT = 400;

/** The first occurrence starting after `afterMs` that was not cancelled, or undefined when none is left. */
export function nextOccurrence(plan: Plan, afterMs: number): Occurrence | undefined {
  const firstOne = occurrenceAt(plan, 0);
  if (!plan.every) return firstOne.startMs > afterMs && !isCancelled(plan, firstOne) ? firstOne : undefined;
  // Start a little before the index that `afterMs` must be at or past (a period is never longer).
  const elapsedDays = (afterMs - firstOne.startMs) / DAY_MS;
  let index = Math.max(0, Math.floor(elapsedDays / PERIOD_DAYS[plan.every]) - 2);
  for (let scanned = 0; scanned < SCAN_LIMIT; scanned++, index++) {
    const o = occurrenceAt(plan, index);
    if (plan.cancelledFromMs !== undefined && o.startMs >= plan.cancelledFromMs) return undefined;
    if (o.startMs > afterMs && !isCancelled(plan, o)) return o;
  }
  return undefined;
}

/** The occurrences (cancelled ones left out) that start in [fromMs, toMs), at most `limit` of them. */
export function occurrencesBetween(plan: Plan, fromMs: number, toMs: number, limit = 100): Occurrence[] {
  const found: Occurrence[] = [];
  let o = nextOccurrence(plan, fromMs - 1);
  while (o && o.startMs < toMs && found.length < limit) {
    found.push(o);
    o = nextOccurrence(plan, o.startMs);
  }
  return found;
}

/** The plan without one occurrence (by its start); the rest of a series goes on. */
export function cancelOccurrence(plan: Plan, startMs: number): Plan {
  return plan.exceptions.includes(startMs) ? plan : { ...plan, exceptions: [...plan.exceptions, startMs] };
}

/** The plan with every occurrence starting at or after `fromMs` cancelled (the whole series when asked). */
export function cancelSeries(plan: Plan, fromMs: number): Plan {
  return { ...plan, cancelledFromMs: Math.min(fromMs, plan.cancelledFromMs ?? Infinity) };
}
