import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/schedule/when.js';
import { isScheduleError, type ScheduleError } from '../../src/schedule/errors.js';
import { instant, iso } from './helpers.js';

// Each zone: a `now` on Wednesday 2026-06-10 09:15 local, and the offsets in force in June / December.
const zones = [
  { zone: 'America/New_York', june: '-04:00', dec: '-05:00' },
  { zone: 'Europe/Berlin', june: '+02:00', dec: '+01:00' },
  { zone: 'Australia/Sydney', june: '+10:00', dec: '+11:00' },
  { zone: 'Asia/Kolkata', june: '+05:30', dec: '+05:30' },
];

// [typed, expected local wall time]; now is Wed 2026-06-10 09:15.
const forms: [string, string][] = [
  ['tomorrow 10:00', '2026-06-11 10:00'],
  ['Tomorrow at 10am', '2026-06-11 10:00'],
  ['2026-12-07 15:30', '2026-12-07 15:30'],
  ['fri 9am', '2026-06-12 09:00'],
  ['friday 9 am', '2026-06-12 09:00'],
  ['today 3pm', '2026-06-10 15:00'],
  ['today 12pm', '2026-06-10 12:00'],
  ['monday 09:30', '2026-06-15 09:30'],
  ['next fri 10:00', '2026-06-12 10:00'],
  ['wed 10:00', '2026-06-10 10:00'],
  ['wed 9:00', '2026-06-17 09:00'],
  ['next wed 10:00', '2026-06-17 10:00'],
  ['10am', '2026-06-10 10:00'],
  ['9am', '2026-06-11 09:00'],
  ['9:15', '2026-06-11 09:15'],
  ['noon', '2026-06-10 12:00'],
  ['tomorrow midnight', '2026-06-11 00:00'],
  ['10:00 tomorrow', '2026-06-11 10:00'],
  ['7 dec 15:30', '2026-12-07 15:30'],
  ['Dec 7, 2026 3:30pm', '2026-12-07 15:30'],
  ['june 1 10:00', '2027-06-01 10:00'],
  ['tue 11:45 p.m.', '2026-06-16 23:45'],
];

describe('parseWhen: every accepted form in four zones', () => {
  for (const { zone, june, dec } of zones) {
    const nowMs = instant('2026-06-10 09:15', june) + 27_000; // 27 s past the minute
    for (const [typed, wall] of forms) {
      it(`${zone}: "${typed}" -> ${wall}`, () => {
        const when = parseWhen(typed, { zone, nowMs });
        const offset = wall.startsWith('2026-12') ? dec : june;
        expect(iso(when.startMs)).toBe(iso(instant(wall, offset)));
        expect(when.fit).toBe('exact');
        expect(when.note).toBeUndefined();
      });
    }
    it(`${zone}: "in 2h", "in 90m", "in 1h30m", "in 2 days" count from now, to the minute`, () => {
      const minute = instant('2026-06-10 09:15', june);
      expect(parseWhen('in 2h', { zone, nowMs }).startMs).toBe(minute + 120 * 60_000);
      expect(parseWhen('in 90m', { zone, nowMs }).startMs).toBe(minute + 90 * 60_000);
      expect(parseWhen('in 1h30m', { zone, nowMs }).startMs).toBe(minute + 90 * 60_000);
      expect(parseWhen('in 1h 30m', { zone, nowMs }).startMs).toBe(minute + 90 * 60_000);
      expect(parseWhen('in 2 days', { zone, nowMs }).startMs).toBe(minute + 2 * 1440 * 60_000);
    });
  }
});

function refusal(typed: string, zone: string, nowMs: number): ScheduleError {
  try {
    parseWhen(typed, { zone, nowMs });
  } catch (err) {
    if (isScheduleError(err)) return err;
    throw err;
  }
  throw new Error(`"${typed}" was accepted`);
}

describe('parseWhen: DST changes (spring gap moves forward, fall-back overlap takes the first)', () => {
  const cases = [
    // zone, now (local + offset), spring gap day, fall-back day, offsets before/after spring
    {
      zone: 'America/New_York',
      now: instant('2026-03-05 12:00', '-05:00'),
      gap: { typed: '2026-03-08 02:30', expect: instant('2026-03-08 03:30', '-04:00') },
      overlap: { typed: '2026-11-01 01:30', expect: instant('2026-11-01 01:30', '-04:00') },
      acrossGap: { typed: 'sun 10:00', expect: instant('2026-03-08 10:00', '-04:00') },
    },
    {
      zone: 'Europe/Berlin',
      now: instant('2026-03-26 12:00', '+01:00'),
      gap: { typed: '2026-03-29 02:30', expect: instant('2026-03-29 03:30', '+02:00') },
      overlap: { typed: '2026-10-25 02:30', expect: instant('2026-10-25 02:30', '+02:00') },
      acrossGap: { typed: 'sun 10:00', expect: instant('2026-03-29 10:00', '+02:00') },
    },
    {
      zone: 'Australia/Sydney',
      now: instant('2026-04-01 12:00', '+11:00'),
      gap: { typed: '2026-10-04 02:30', expect: instant('2026-10-04 03:30', '+11:00') },
      overlap: { typed: '2026-04-05 02:30', expect: instant('2026-04-05 02:30', '+11:00') },
      acrossGap: { typed: 'sun 10:00', expect: instant('2026-04-05 10:00', '+10:00') },
    },
  ];
  for (const c of cases) {
    it(`${c.zone}: a time in the spring-forward gap moves forward by the gap, with a note`, () => {
      const when = parseWhen(c.gap.typed, { zone: c.zone, nowMs: c.now });
      expect(iso(when.startMs)).toBe(iso(c.gap.expect));
      expect(when.fit).toBe('gap');
      expect(when.local.hour).toBe(3);
      expect(when.requested).toMatchObject({ hour: 2, minute: 30 }); // a series keeps 02:30
      expect(when.note).toMatch(/02:30 does not exist .* the meeting is at 03:30\./);
    });
    it(`${c.zone}: an ambiguous fall-back time takes the earlier instant, with a note`, () => {
      const when = parseWhen(c.overlap.typed, { zone: c.zone, nowMs: c.now });
      expect(iso(when.startMs)).toBe(iso(c.overlap.expect));
      expect(when.fit).toBe('overlap');
      expect(when.note).toMatch(/happens twice .* the first one \(UTC[+-]\d\d:\d\d\)\./);
    });
    it(`${c.zone}: a weekday form across the change keeps the wall time`, () => {
      const when = parseWhen(c.acrossGap.typed, { zone: c.zone, nowMs: c.now });
      expect(iso(when.startMs)).toBe(iso(c.acrossGap.expect));
      expect(when.fit).toBe('exact');
    });
  }
  it('"in 2h" across the New York spring change is two real hours (01:30 EST -> 04:30 EDT)', () => {
    const nowMs = instant('2026-03-08 01:30', '-05:00');
    const when = parseWhen('in 2h', { zone: 'America/New_York', nowMs });
    expect(iso(when.startMs)).toBe(iso(instant('2026-03-08 04:30', '-04:00')));
    expect(when.local).toEqual({ year: 2026, month: 3, day: 8, hour: 4, minute: 30 });
  });
  it('"tomorrow 10:00" the day before the Berlin spring change is 23 real hours ahead', () => {
    const nowMs = instant('2026-03-28 10:00', '+01:00');
    const when = parseWhen('tomorrow 10:00', { zone: 'Europe/Berlin', nowMs });
    expect(when.startMs - nowMs).toBe(23 * 3_600_000);
  });
});

describe('parseWhen: refusals are one sentence with a suggestion where there is one', () => {
  const zone = 'Europe/Berlin';
  const nowMs = instant('2026-06-10 09:15', '+02:00');
  it('a time in the past suggests tomorrow at the same time', () => {
    const err = refusal('today 8am', zone, nowMs);
    expect(err.code).toBe('past');
    expect(err.userMessage).toBe('That time has passed; did you mean tomorrow 8am?');
    expect(err.suggestion).toBe('tomorrow 8am');
    expect(refusal('2026-06-01 10:00', zone, nowMs).userMessage).toBe(
      'That time has passed; did you mean tomorrow 10:00?',
    );
  });
  it('12/7 is ambiguous: both ISO readings are offered', () => {
    const err = refusal('12/7 15:30', zone, nowMs);
    expect(err.code).toBe('ambiguous_date');
    expect(err.userMessage).toBe(
      '12/7 could be 2026-12-07 or 2026-07-12; write the date as YYYY-MM-DD, for example 2026-12-07.',
    );
    expect(refusal('25/12 10:00', zone, nowMs).userMessage).toBe(
      'Write dates as YYYY-MM-DD so they read the same everywhere: 2026-12-25.',
    );
    expect(refusal('7/12/2027 10:00', zone, nowMs).suggestion).toBe('2027-07-12');
  });
  const cases: [string, string, RegExp][] = [
    ['', 'invalid_when', /^Say when, for example tomorrow 10:00/],
    ['tomorrow', 'invalid_when', /^Add a time of day, for example tomorrow 10:00\.$/],
    ['fri 9', 'invalid_when', /^9 could be morning or evening; write 9am, 9pm or 09:00\.$/],
    ['25:00', 'invalid_when', /^25:00 is not a time of day; use 00:00 to 23:59\.$/],
    ['tomorrow 13pm', 'invalid_when', /^13pm is not a time of day/],
    ['2026-02-30 10:00', 'invalid_when', /^2026-02-30 is not a date on the calendar\.$/],
    ['someday 10:00', 'invalid_when', /^I could not read "someday" as a day/],
    ['banana', 'invalid_when', /^I could not read "banana" as a time/],
    ['in a while', 'invalid_when', /^"in a while" is not a length of time/],
    ['in 0m', 'invalid_when', /is not a length of time/],
    ['2028-01-01 10:00', 'too_far', /^Meetings can be planned at most 366 days ahead\.$/],
    ['in 400d', 'too_far', /at most 366 days ahead/],
    ['x'.repeat(500), 'invalid_when', /^That is too long to be a time/],
  ];
  for (const [typed, code, message] of cases) {
    it(`"${typed.slice(0, 20)}" -> ${code}`, () => {
      const err = refusal(typed, zone, nowMs);
      expect(err.code).toBe(code);
      expect(err.userMessage).toMatch(message);
      expect(err.userMessage.split(/[.?!] /).length).toBe(1); // one sentence
    });
  }
});
