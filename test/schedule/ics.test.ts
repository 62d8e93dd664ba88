import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, PRODID, type CalendarEvent } from '../../src/schedule/ics.js';
import {
  cancelOccurrence,
  cancelSeries,
  makePlan,
  occurrencesBetween,
  type Every,
  type Plan,
} from '../../src/schedule/recurrence.js';
import { isScheduleError } from '../../src/schedule/errors.js';
import { instant, iso } from './helpers.js';

const NOW = Date.parse('2026-06-01T08:00:00Z');

/** Parses an .ics with ical.js, registering its VTIMEZONE so TZID times resolve to instants. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  // Parse again now that the zone is known, so DTSTART/EXDATE carry it.
  const reparsed = new ICAL.Component(ICAL.parse(text));
  const vevent = reparsed.getFirstSubcomponent('vevent')!;
  return { calendar: reparsed, vevent, event: new ICAL.Event(vevent) };
}

/** The first `n` starts ical.js expands (RRULE minus EXDATE), as UTC ISO strings. */
function expanded(vevent: ICAL.Component, n: number): string[] {
  const dtstart = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
  const expansion = new ICAL.RecurExpansion({ component: vevent, dtstart });
  const out: string[] = [];
  for (let next = expansion.next(); next && out.length < n; next = expansion.next()) {
    out.push(iso(next.toUnixTime() * 1000));
  }
  return out;
}

const at = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
});

function text(prop: string, vevent: ICAL.Component): unknown {
  return vevent.getFirstPropertyValue(prop);
}

describe('buildIcs', () => {
  const tricky = 'Stand-up; team A, B\\C\nsecond line — ünïcödé ✓ ' + 'long text '.repeat(20);
  const once: CalendarEvent = {
    uid: 'sch_123@chatops.example.com',
    title: 'Planning, Q3; "big" one',
    description: tricky,
    url: 'https://chatops.example.com/join/room/abc?x=1,2',
    plan: makePlan({ zone: 'Europe/Berlin', first: at(2026, 12, 7, 15, 30), durationMinutes: 45 }),
    sequence: 2,
  };

  it('a one-off meeting round-trips through ical.js with every field', () => {
    const ics = buildIcs(once, { nowMs: NOW });
    const { calendar, vevent, event } = parse(ics);
    expect(calendar.getFirstPropertyValue('prodid')).toBe(PRODID);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(event.uid).toBe(once.uid);
    expect(event.summary).toBe(once.title);
    expect(event.description).toBe(tricky);
    expect(text('url', vevent)).toBe(once.url);
    expect(event.sequence).toBe(2);
    expect(iso((text('dtstamp', vevent) as ICAL.Time).toUnixTime() * 1000)).toBe(iso(NOW));
    expect(iso(event.startDate.toUnixTime() * 1000)).toBe(iso(instant('2026-12-07 15:30', '+01:00')));
    expect(iso(event.endDate.toUnixTime() * 1000)).toBe(iso(instant('2026-12-07 16:15', '+01:00')));
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.isRecurring()).toBe(false);
    expect(vevent.getFirstPropertyValue('status')).toBeNull();
  });

  it('writes CRLF lines of at most 75 octets, folded between UTF-8 characters', () => {
    const ics = buildIcs(once, { nowMs: NOW });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(2);
    expect(ics).not.toContain('\uFFFD');
    expect(ics).toContain('SUMMARY:Planning\\, Q3\\; "big" one');
  });

  const series: [Every, string, ReturnType<typeof at>][] = [
    ['week', 'America/New_York', at(2026, 2, 26, 10)],
    ['2weeks', 'Australia/Sydney', at(2026, 3, 19, 9, 30)],
    ['weekday', 'Europe/Berlin', at(2026, 3, 23, 8, 45)],
    ['month', 'Europe/Berlin', at(2027, 1, 31, 10)],
    ['month', 'America/New_York', at(2027, 10, 15, 18)],
    ['week', 'Asia/Kolkata', at(2026, 2, 26, 10)],
    ['week', 'Africa/Casablanca', at(2027, 1, 7, 12)], // offset changes around Ramadan: RDATE, no rule
  ];
  for (const [every, zone, first] of series) {
    it(`a ${every} series in ${zone} expands in ical.js to the same instants as ours, over DST`, () => {
      let plan: Plan = makePlan({ zone, first, durationMinutes: 30, every });
      const ours = occurrencesBetween(plan, 0, Infinity, 40);
      plan = cancelOccurrence(cancelOccurrence(plan, ours[2]!.startMs), ours[7]!.startMs);
      const { vevent, event } = parse(buildIcs({ uid: 'series@x', title: 'Series', plan }, { nowMs: NOW }));
      expect(event.isRecurring()).toBe(true);
      expect(vevent.getAllProperties('exdate')).toHaveLength(2);
      const expected = occurrencesBetween(plan, 0, Infinity, 30).map((o) => iso(o.startMs));
      expect(expected).not.toContain(iso(ours[2]!.startMs));
      expect(expanded(vevent, 30)).toEqual(expected);
      expect(iso(event.endDate.toUnixTime() * 1000)).toBe(iso(ours[0]!.endMs));
    });
  }

  it('a series on the 30th clamps in February (BYSETPOS=-1: the last of each month ical.js lists)', () => {
    // ical.js 2.2.1 ignores BYSETPOS with BYMONTHDAY (kewisch/ical.js#960, fix pending in #985) and
    // lists every day of 28,29,30 the month has; BYSETPOS=-1 keeps the last of them, applied here.
    const plan = makePlan({ zone: 'America/New_York', first: at(2027, 10, 30, 18), durationMinutes: 30, every: 'month' }); // prettier-ignore
    const { vevent } = parse(buildIcs({ uid: 'm@x', title: 'M', plan }, { nowMs: NOW }));
    expect(String(vevent.getFirstPropertyValue('rrule'))).toBe(
      'FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1',
    );
    const lastOfMonth = new Map<string, string>();
    for (const start of expanded(vevent, 80)) lastOfMonth.set(start.slice(0, 7), start); // sorted: last wins
    const ours = occurrencesBetween(plan, 0, Infinity, 18).map((o) => iso(o.startMs));
    expect([...lastOfMonth.values()].slice(0, 18)).toEqual(ours);
    expect(ours[4]).toBe(iso(instant('2028-02-29 18:00', '-05:00')));
  });

  it('a cancelled series ends with UNTIL; a series cancelled from its start, and a cancelled one-off, say CANCELLED', () => {
    const plan = makePlan({
      zone: 'Europe/Berlin',
      first: at(2026, 6, 1, 10),
      durationMinutes: 30,
      every: 'week',
    });
    const o = occurrencesBetween(plan, 0, Infinity, 5);
    const ended = parse(
      buildIcs({ uid: 'a@x', title: 'A', plan: cancelSeries(plan, o[3]!.startMs) }, { nowMs: NOW }),
    );
    expect(expanded(ended.vevent, 10)).toEqual(o.slice(0, 3).map((x) => iso(x.startMs)));
    expect(ended.vevent.getFirstPropertyValue('status')).toBeNull();
    const gone = parse(
      buildIcs({ uid: 'a@x', title: 'A', plan: cancelSeries(plan, o[0]!.startMs) }, { nowMs: NOW }),
    );
    expect(gone.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    const single = makePlan({ zone: 'UTC', first: at(2026, 6, 1, 10), durationMinutes: 30 });
    const off = parse(buildIcs({ uid: 'b@x', title: 'B', plan: cancelSeries(single, 0) }, { nowMs: NOW }));
    expect(off.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('VTIMEZONE: a yearly rule where the zone has one, a fixed offset where it has none', () => {
    const ny = buildIcs({ uid: 'n@x', title: 'N', plan: makePlan({ zone: 'America/New_York', first: at(2026, 6, 1, 10), durationMinutes: 30, every: 'week' }) }, { nowMs: NOW }); // prettier-ignore
    expect(ny).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU');
    expect(ny).toContain('RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU');
    const berlin = buildIcs({ uid: 'b@x', title: 'B', plan: makePlan({ zone: 'Europe/Berlin', first: at(2026, 6, 1, 10), durationMinutes: 30, every: 'week' }) }, { nowMs: NOW }); // prettier-ignore
    expect(berlin).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    const kolkata = buildIcs({ uid: 'k@x', title: 'K', plan: makePlan({ zone: 'Asia/Kolkata', first: at(2026, 6, 1, 10), durationMinutes: 30, every: 'week' }) }, { nowMs: NOW }); // prettier-ignore
    expect(kolkata).toContain('TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n');
    const casablanca = buildIcs({ uid: 'c@x', title: 'C', plan: makePlan({ zone: 'Africa/Casablanca', first: at(2027, 1, 7, 12), durationMinutes: 30, every: 'week' }) }, { nowMs: NOW }); // prettier-ignore
    expect(casablanca).toMatch(/\r\nRDATE:20\d\d\d\d\d\dT\d{6}\r\n/);
    expect(casablanca).not.toContain('FREQ=YEARLY');
  });

  it('refuses an empty title, a bad UID and a non-http link in one sentence', () => {
    const codes = [
      { ...once, title: '  ' },
      { ...once, uid: 'has space' },
      { ...once, url: 'javascript:alert(1)' },
      { ...once, url: 'https://x.example/\r\nX-INJECT:1' },
    ].map((e) => {
      try {
        buildIcs(e, { nowMs: NOW });
        return 'accepted';
      } catch (err) {
        return isScheduleError(err, 'invalid_event') ? err.userMessage : String(err);
      }
    });
    expect(codes).toEqual([
      'A meeting needs a title for its calendar entry.',
      'A calendar entry needs a printable UID of 1-255 characters.',
      'A calendar link must be an http or https address without spaces.',
      'A calendar link must be an http or https address without spaces.',
    ]);
  });
});
