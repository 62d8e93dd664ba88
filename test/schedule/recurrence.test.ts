import { describe, expect, it } from 'vitest';
import {
  cancelOccurrence,
  cancelSeries,
  makePlan,
  nextOccurrence,
  occurrencesBetween,
  parseEvery,
  type Plan,
} from '../../src/schedule/recurrence.js';
import { ScheduleError } from '../../src/schedule/errors.js';
import { instant, iso } from './helpers.js';

const at = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
});

/** The starts of the first `n` occurrences, in UTC. */
function starts(plan: Plan, n: number, fromMs = 0): string[] {
  return occurrencesBetween(plan, fromMs, Infinity, n).map((o) => iso(o.startMs));
}

describe('weekly series keep the local wall time across DST changes', () => {
  it('America/New_York: 10:00 stays 10:00 over the March and November changes', () => {
    const plan = makePlan({
      zone: 'America/New_York',
      first: at(2026, 2, 26, 10),
      durationMinutes: 30,
      every: 'week',
    });
    expect(starts(plan, 3)).toEqual(
      ['2026-02-26 10:00', '2026-03-05 10:00']
        .map((w) => iso(instant(w, '-05:00')))
        .concat([iso(instant('2026-03-12 10:00', '-04:00'))]),
    );
    const autumn = occurrencesBetween(plan, instant('2026-10-20 00:00', '-04:00'), Infinity, 3);
    expect(autumn.map((o) => iso(o.startMs))).toEqual([
      iso(instant('2026-10-22 10:00', '-04:00')),
      iso(instant('2026-10-29 10:00', '-04:00')),
      iso(instant('2026-11-05 10:00', '-05:00')),
    ]);
    expect(autumn.every((o) => o.local.hour === 10 && o.fit === 'exact')).toBe(true);
    expect(autumn[2]!.endMs - autumn[2]!.startMs).toBe(30 * 60_000);
  });
  it('Europe/Berlin: 09:00 on Sundays over both changes', () => {
    const plan = makePlan({
      zone: 'Europe/Berlin',
      first: at(2026, 3, 22, 9),
      durationMinutes: 60,
      every: 'week',
    });
    expect(starts(plan, 2)).toEqual([
      iso(instant('2026-03-22 09:00', '+01:00')),
      iso(instant('2026-03-29 09:00', '+02:00')),
    ]);
    expect(starts(plan, 2, instant('2026-10-20 00:00', '+02:00'))).toEqual([
      iso(instant('2026-10-25 09:00', '+01:00')),
      iso(instant('2026-11-01 09:00', '+01:00')),
    ]);
  });
  it('Australia/Sydney: every 2 weeks over the April change', () => {
    const plan = makePlan({
      zone: 'Australia/Sydney',
      first: at(2026, 3, 26, 10),
      durationMinutes: 30,
      every: '2weeks',
    });
    expect(starts(plan, 2)).toEqual([
      iso(instant('2026-03-26 10:00', '+11:00')),
      iso(instant('2026-04-09 10:00', '+10:00')),
    ]);
  });
  it('a 02:30 series is moved out of the gap on the change day only', () => {
    const plan = makePlan({
      zone: 'America/New_York',
      first: at(2026, 3, 1, 2, 30),
      durationMinutes: 30,
      every: 'week',
    });
    const [, onChange, after] = occurrencesBetween(plan, 0, Infinity, 3);
    expect(onChange!.fit).toBe('gap');
    expect(iso(onChange!.startMs)).toBe(iso(instant('2026-03-08 03:30', '-04:00')));
    expect(iso(after!.startMs)).toBe(iso(instant('2026-03-15 02:30', '-04:00')));
  });
});

describe('monthly and weekday series', () => {
  it('month keeps the day of month, clamped to the last day: 31 Jan -> 28 Feb -> 31 Mar', () => {
    const plan = makePlan({
      zone: 'Europe/Berlin',
      first: at(2027, 1, 31, 10),
      durationMinutes: 30,
      every: 'month',
    });
    const days = occurrencesBetween(plan, 0, Infinity, 14).map(
      (o) => `${o.local.year}-${o.local.month}-${o.local.day}`,
    );
    expect(days).toEqual([
      '2027-1-31', '2027-2-28', '2027-3-31', '2027-4-30', '2027-5-31', '2027-6-30', '2027-7-31',
      '2027-8-31', '2027-9-30', '2027-10-31', '2027-11-30', '2027-12-31', '2028-1-31', '2028-2-29',
    ]); // prettier-ignore
  });
  it('a series on the 30th meets February 29 in a leap year and 28 otherwise', () => {
    const plan = makePlan({
      zone: 'Asia/Kolkata',
      first: at(2027, 12, 30, 9),
      durationMinutes: 30,
      every: 'month',
    });
    const feb = occurrencesBetween(plan, 0, Infinity, 3)[2]!;
    expect(feb.local).toEqual(at(2028, 2, 29, 9));
    expect(iso(feb.startMs)).toBe(iso(instant('2028-02-29 09:00', '+05:30')));
  });
  it('weekday skips Saturday and Sunday, and a weekend start moves to Monday', () => {
    const plan = makePlan({
      zone: 'America/New_York',
      first: at(2026, 6, 13, 9),
      durationMinutes: 15,
      every: 'weekday',
    });
    expect(plan.first).toEqual(at(2026, 6, 15, 9)); // Saturday 13 -> Monday 15
    const days = occurrencesBetween(plan, 0, Infinity, 7).map((o) => o.local.day);
    expect(days).toEqual([15, 16, 17, 18, 19, 22, 23]);
    const thursday = makePlan({
      zone: 'UTC',
      first: at(2026, 6, 18, 9),
      durationMinutes: 15,
      every: 'weekday',
    });
    expect(occurrencesBetween(thursday, 0, Infinity, 4).map((o) => o.local.day)).toEqual([18, 19, 22, 23]);
  });
  it('finds the next occurrence years ahead without walking from the start', () => {
    const plan = makePlan({ zone: 'UTC', first: at(2026, 1, 5, 9), durationMinutes: 15, every: 'weekday' });
    const next = nextOccurrence(plan, Date.UTC(2029, 5, 2, 12)); // Saturday 2 June 2029
    expect(next!.local).toEqual(at(2029, 6, 4, 9));
  });
});

describe('cancelling', () => {
  const plan = makePlan({
    zone: 'Europe/Berlin',
    first: at(2026, 6, 1, 10),
    durationMinutes: 30,
    every: 'week',
  });
  const [first, second, third] = occurrencesBetween(plan, 0, Infinity, 3);
  it('a cancelled occurrence is skipped and the series goes on', () => {
    const without = cancelOccurrence(plan, second!.startMs);
    expect(without.exceptions).toEqual([second!.startMs]);
    expect(nextOccurrence(without, first!.endMs)!.startMs).toBe(third!.startMs);
    expect(cancelOccurrence(without, second!.startMs)).toBe(without);
    expect(plan.exceptions).toEqual([]); // plans are values
  });
  it('cancelling the series ends it from that point', () => {
    const ended = cancelSeries(plan, second!.startMs);
    expect(nextOccurrence(ended, 0)!.startMs).toBe(first!.startMs);
    expect(nextOccurrence(ended, first!.startMs)).toBeUndefined();
  });
  it('a one-off plan has one occurrence', () => {
    const once = makePlan({ zone: 'UTC', first: at(2026, 6, 1, 10), durationMinutes: 30 });
    expect(occurrencesBetween(once, 0, Infinity)).toHaveLength(1);
    expect(nextOccurrence(once, Date.UTC(2026, 5, 1, 10))).toBeUndefined();
    expect(nextOccurrence(cancelOccurrence(once, Date.UTC(2026, 5, 1, 10)), 0)).toBeUndefined();
  });
});

describe('parseEvery', () => {
  it('reads the four values and their common spellings', () => {
    expect(['weekday', 'week', '2weeks', 'month', 'Weekly', 'biweekly', 'monthly', 'weekdays'].map(parseEvery)).toEqual([
      'weekday', 'week', '2weeks', 'month', 'week', '2weeks', 'month', 'weekday',
    ]); // prettier-ignore
  });
  it('refuses the rest in one sentence', () => {
    expect(() => parseEvery('yearly')).toThrow(
      new ScheduleError({
        code: 'invalid_recurrence',
        userMessage: '--every takes weekday, week, 2weeks or month, not "yearly".',
      }),
    );
    expect(() => parseEvery('daily')).toThrow(/use --every weekday for Monday to Friday/);
  });
});
