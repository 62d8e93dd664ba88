// The platform-neutral core of planned meetings: `<when>`, lengths, time zones, series, display,
// `.ics` and store-backed timers. Commands and adapters import from here.

export { ScheduleError, isScheduleError, type ScheduleErrorCode } from './errors.js';
export type { LocalDate, LocalDateTime } from './civil.js';
export { isoDateTime } from './civil.js';
export { resolveLocal, toLocal, offsetMinutes, type LocalFit, type ResolvedLocal } from './zone.js';
export { parseWhen, MAX_AHEAD_DAYS, type When, type WhenContext } from './when.js';
export {
  parseDuration,
  parseReminder,
  parseMinutes,
  formatMinutes,
  DURATION_BOUNDS,
  REMIND_BOUNDS,
  DEFAULT_DURATION_MINUTES,
} from './durations.js';
export { resolveTimeZone } from './time-zones.js';
export {
  parseEvery,
  makePlan,
  planFromRecord,
  occurrenceAt,
  occurrenceLocal,
  nextOccurrence,
  occurrencesBetween,
  isCancelled,
  cancelOccurrence,
  cancelSeries,
  EVERY_VALUES,
  type Every,
  type Plan,
  type Occurrence,
} from './recurrence.js';
export {
  formatPlain,
  formatPlainRange,
  slackDate,
  discordTimestamp,
  type DiscordTimestampStyle,
} from './display.js';
export { buildIcs, PRODID, type CalendarEvent, type IcsOptions } from './ics.js';
export {
  timersForOccurrence,
  timerId,
  due,
  decide,
  lateSuffix,
  ON_TIME_MS,
  LATE_LIMIT_MS,
  type Timer,
  type TimerKind,
  type TimerDecision,
  type SkipReason,
} from './timers.js';
export {
  TimerLoop,
  systemScheduler,
  type Scheduler,
  type TimerStore,
  type TimerAction,
  type TimerLoopOptions,
} from './timer-loop.js';
