// Which occurrence of a schedule people are talking about now: the first one not cancelled that has
// not ended yet (a meeting in progress is still "the" occurrence until its planned end).

import {
  nextOccurrence,
  planFromRecord,
  timersForOccurrence,
  type Occurrence,
  type Plan,
  type Timer,
} from '../schedule/index.js';
import type { ScheduleRecord } from '../store/schedule-types.js';

const MINUTE_MS = 60_000;

/** The plan of a stored schedule. */
export function planOf(s: ScheduleRecord): Plan {
  return planFromRecord(s);
}

/** The occurrence that has not ended at `nowMs` (the running or next one), or undefined when none is left. */
export function currentOccurrence(s: ScheduleRecord, nowMs: number): Occurrence | undefined {
  return nextOccurrence(planOf(s), nowMs - s.durationMinutes * MINUTE_MS);
}

/** The occurrence starting exactly at `startMs`, if the schedule still has it. */
export function occurrenceStartingAt(s: ScheduleRecord, startMs: number): Occurrence | undefined {
  const o = nextOccurrence(planOf(s), startMs - 1);
  return o && o.startMs === startMs ? o : undefined;
}

/** The timers of the schedule's current occurrence at `nowMs` (none when the series is over). */
export function timersFrom(s: ScheduleRecord, nowMs: number): Timer[] {
  const o = currentOccurrence(s, nowMs);
  return o ? timersForOccurrence(s.id, o, s.remindMinutes ?? undefined, nowMs) : [];
}
