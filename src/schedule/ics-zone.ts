// VTIMEZONE for a series' TZID, made from the runtime's tz data (Intl): each kind of offset change
// becomes a yearly rule (`BYMONTH=3;BYDAY=2SU`) when that rule holds for the next ten years, and an
// explicit list of dates (RDATE) when it does not; a zone without changes gets one fixed offset.

import { daysInMonth, fromWallMs, weekday } from './civil.js';
import { localDateTime } from './ics-text.js';
import { formatOffset, offsetMinutes, transitions, type ZoneTransition } from './zone.js';

const MINUTE_MS = 60_000;
const YEAR_MS = 366 * 86_400_000;
const RULE_YEARS = 10;
const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

const icsOffset = (minutes: number): string => formatOffset(minutes, '');

/** The wall time just before a change, in the offset that was in force then (how VTIMEZONE says it). */
const wallBefore = (t: ZoneTransition) => fromWallMs(t.epochMs + t.fromOffset * MINUTE_MS);

/** The instant of the change a yearly rule (nth or last weekday of a month) gives in `year`. */
function ruleInstant(year: number, model: ZoneTransition, nth: number): number {
  const w = wallBefore(model);
  const firstWeekday = weekday({ year, month: w.month, day: 1 });
  let day = 1 + ((weekday(w) - firstWeekday + 7) % 7);
  if (nth > 0) day += 7 * (nth - 1);
  else while (day + 7 <= daysInMonth(year, w.month)) day += 7;
  return Date.UTC(year, w.month - 1, day, w.hour, w.minute) - model.fromOffset * MINUTE_MS;
}

/** `BYDAY=2SU` or `BYDAY=-1SU` when that rule gives this change for the next ten years. */
function yearlyRule(zone: string, model: ZoneTransition): string | undefined {
  const w = wallBefore(model);
  const candidates = [w.day + 7 > daysInMonth(w.year, w.month) ? -1 : 0, Math.ceil(w.day / 7)].filter(
    (n) => n !== 0,
  );
  for (const nth of candidates) {
    const holds = Array.from({ length: RULE_YEARS }, (_, i) => w.year + 1 + i).every((year) => {
      const at = ruleInstant(year, model, nth);
      return (
        offsetMinutes(zone, at - MINUTE_MS) === model.fromOffset && offsetMinutes(zone, at) === model.toOffset
      );
    });
    if (holds) return `RRULE:FREQ=YEARLY;BYMONTH=${w.month};BYDAY=${nth}${BYDAY[weekday(w)]}`;
  }
  return undefined;
}

/** The content lines of a VTIMEZONE for `zone` that covers events from about `fromMs` on. */
export function vtimezoneLines(zone: string, fromMs: number): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const nearby = transitions(zone, fromMs - YEAR_MS, fromMs + YEAR_MS);
  if (nearby.length === 0) {
    const offset = icsOffset(offsetMinutes(zone, fromMs));
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`);
    lines.push('END:STANDARD', 'END:VTIMEZONE');
    return lines;
  }
  const kinds = new Map<string, ZoneTransition>();
  for (const t of nearby)
    kinds.set(`${t.fromOffset}>${t.toOffset}`, kinds.get(`${t.fromOffset}>${t.toOffset}`) ?? t);
  let later: ZoneTransition[] | undefined;
  for (const model of kinds.values()) {
    const name = model.toOffset > model.fromOffset ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${name}`, `DTSTART:${localDateTime(wallBefore(model))}`);
    lines.push(`TZOFFSETFROM:${icsOffset(model.fromOffset)}`, `TZOFFSETTO:${icsOffset(model.toOffset)}`);
    const rule = yearlyRule(zone, model);
    if (rule) lines.push(rule);
    else {
      later ??= transitions(zone, model.epochMs + MINUTE_MS, fromMs + RULE_YEARS * YEAR_MS);
      const same = later.filter((t) => t.fromOffset === model.fromOffset && t.toOffset === model.toOffset);
      for (const t of same) lines.push(`RDATE:${localDateTime(wallBefore(t))}`);
    }
    lines.push(`END:${name}`);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
