// Time zone arithmetic over Node's full ICU (Intl): the offset of a zone at an instant, an instant's
// wall time, and the instant of a wall time. Intl is enough for this; a date library would add a
// second copy of the tz database that could disagree with the one the display helpers use.

import { fromWallMs, wallMs, type LocalDateTime } from './civil.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when Intl knows `zone` (any spelling it accepts, aliases included). */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC that `zone` observes at `epochMs` (e.g. -300 for New York in winter). */
export function offsetMinutes(zone: string, epochMs: number): number {
  const parts = formatter(zone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return Math.round((asUtc - wholeSecond) / MINUTE_MS);
}

/** The wall time (to the minute, seconds dropped) that `zone` shows at `epochMs`. */
export function toLocal(zone: string, epochMs: number): LocalDateTime {
  return fromWallMs(Math.floor(epochMs / MINUTE_MS) * MINUTE_MS + offsetMinutes(zone, epochMs) * MINUTE_MS);
}

/** How a wall time maps to an instant: exactly, moved out of a spring-forward gap, or the first of two. */
export type LocalFit = 'exact' | 'gap' | 'overlap';

/** The instant of a wall time in a zone, and how it fitted. */
export interface ResolvedLocal {
  epochMs: number;
  fit: LocalFit;
  /** For `gap`: how many minutes the time was moved forward (the size of the gap). */
  shiftMinutes: number;
}

/**
 * The instant at which `zone` shows wall time `local`.
 *
 * DST rules (documented in docs and tested): a wall time inside a spring-forward gap does not exist,
 * so it moves forward by the size of the gap (02:30 on a 02:00→03:00 day becomes 03:30); a wall
 * time that happens twice when clocks fall back takes the first, earlier instant (daylight time).
 */
export function resolveLocal(zone: string, local: LocalDateTime): ResolvedLocal {
  const wall = wallMs(local);
  // One transition at most within a day on either side: the offsets before and after it.
  const before = offsetMinutes(zone, wall - DAY_MS);
  const after = offsetMinutes(zone, wall + DAY_MS);
  const fits = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => wallMs(toLocal(zone, instant)) === wall)
    .sort((a, b) => a - b);
  if (fits.length > 0) {
    return { epochMs: fits[0]!, fit: fits.length > 1 ? 'overlap' : 'exact', shiftMinutes: 0 };
  }
  // In the gap: read the wall time with the offset in force before the change, which lands after
  // the change, `after - before` minutes later on the wall clock.
  return { epochMs: wall - before * MINUTE_MS, fit: 'gap', shiftMinutes: after - before };
}

/** An offset change of a zone: the instant, and the offsets before and after it in minutes. */
export interface ZoneTransition {
  epochMs: number;
  fromOffset: number;
  toOffset: number;
}

/** Offset changes of `zone` in [fromMs, toMs), found by daily steps then bisection to the minute. */
export function transitions(zone: string, fromMs: number, toMs: number): ZoneTransition[] {
  const found: ZoneTransition[] = [];
  let lo = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
  let loOffset = offsetMinutes(zone, lo);
  while (lo < toMs) {
    const hi = Math.min(lo + DAY_MS, Math.ceil(toMs / MINUTE_MS) * MINUTE_MS);
    const hiOffset = offsetMinutes(zone, hi);
    if (hiOffset !== loOffset) {
      let a = lo;
      let b = hi;
      while (b - a > MINUTE_MS) {
        const mid = a + Math.floor((b - a) / 2 / MINUTE_MS) * MINUTE_MS;
        if (offsetMinutes(zone, mid) === loOffset) a = mid;
        else b = mid;
      }
      if (b < toMs) found.push({ epochMs: b, fromOffset: loOffset, toOffset: offsetMinutes(zone, b) });
    }
    lo = hi;
    loOffset = hiOffset;
  }
  return found;
}

/** `+05:30`, `-04:00`: an offset in minutes as ISO 8601 text. */
export function formatOffset(minutes: number, separator = ':'): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${separator}${String(abs % 60).padStart(2, '0')}`;
}
