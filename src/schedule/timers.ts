// Timers as data: what a planned meeting must do and when (the reminder at start − remind,
// "starting now" at the start, the roll to the next occurrence at the end), and which of the timers
// due now fire, fire late or are skipped. Pure: the clock is a parameter.

/** What a timer does: post the reminder, post "starting now", or plan the next occurrence. */
export type TimerKind = 'remind' | 'start' | 'next';

/** One store-backed timer: one action for one occurrence of one schedule. */
export interface Timer {
  /** `<scheduleId>:<occurrence start>:<kind>`: planning the same occurrence twice makes no second timer. */
  id: string;
  scheduleId: string;
  kind: TimerKind;
  fireAtMs: number;
  occurrenceStartMs: number;
  occurrenceEndMs: number;
}

/** A timer that was late by at most this much is on time (a loop wakes a little after the mark). */
export const ON_TIME_MS = 60_000;
/** A reminder later than this (e.g. the bot was down) is skipped instead of posted with "(late)". */
export const LATE_LIMIT_MS = 10 * 60_000;

const MINUTE_MS = 60_000;
const ORDER: Record<TimerKind, number> = { remind: 0, start: 1, next: 2 };

/** The stable ID of a schedule's timer for one occurrence. */
export function timerId(scheduleId: string, kind: TimerKind, occurrenceStartMs: number): string {
  return `${scheduleId}:${occurrenceStartMs}:${kind}`;
}

/**
 * The timers of one occurrence. A reminder whose time is already past when the occurrence is
 * planned (`in 5m --remind 10m`) is not made: there is nothing to remind of that the card does not say.
 */
export function timersForOccurrence(
  scheduleId: string,
  occurrence: { startMs: number; endMs: number },
  remindMinutes: number | undefined,
  nowMs: number,
): Timer[] {
  const make = (kind: TimerKind, fireAtMs: number): Timer => ({
    id: timerId(scheduleId, kind, occurrence.startMs),
    scheduleId,
    kind,
    fireAtMs,
    occurrenceStartMs: occurrence.startMs,
    occurrenceEndMs: occurrence.endMs,
  });
  const timers: Timer[] = [];
  if (remindMinutes !== undefined) {
    const at = occurrence.startMs - remindMinutes * MINUTE_MS;
    if (at > nowMs) timers.push(make('remind', at));
  }
  timers.push(make('start', occurrence.startMs), make('next', occurrence.endMs));
  return timers;
}

/** Why a due timer is not acted on. */
export type SkipReason = 'too-late' | 'already-started' | 'already-ended';

/** What to do with one due timer. */
export type TimerDecision =
  | { timer: Timer; action: 'fire'; late: boolean; lateByMs: number }
  | { timer: Timer; action: 'skip'; reason: SkipReason; lateByMs: number };

/**
 * The decisions for the timers due at `nowMs` (fire time at or before it), earliest first.
 *
 * The late rule: a reminder up to a minute late is on time; less than 10 minutes late it is posted
 * with "(late)"; later, or once the meeting has started, it is skipped. "Starting now" follows the
 * same rule, except that it is posted late for as long as the occurrence has not ended (its Join
 * button is still useful). The roll to the next occurrence always runs, however late.
 */
export function due(timers: readonly Timer[], nowMs: number): TimerDecision[] {
  return timers
    .filter((t) => t.fireAtMs <= nowMs)
    .sort((a, b) => a.fireAtMs - b.fireAtMs || ORDER[a.kind] - ORDER[b.kind])
    .map((timer) => decide(timer, nowMs));
}

/** The decision for one timer that is due at `nowMs`. */
export function decide(timer: Timer, nowMs: number): TimerDecision {
  const lateByMs = Math.max(0, nowMs - timer.fireAtMs);
  const late = lateByMs > ON_TIME_MS;
  const skip = (reason: SkipReason): TimerDecision => ({ timer, action: 'skip', reason, lateByMs });
  switch (timer.kind) {
    case 'remind':
      if (nowMs >= timer.occurrenceStartMs) return skip('already-started');
      if (lateByMs >= LATE_LIMIT_MS) return skip('too-late');
      break;
    case 'start':
      if (nowMs >= timer.occurrenceEndMs) return skip('already-ended');
      break;
    case 'next':
      break;
  }
  return { timer, action: 'fire', late, lateByMs };
}

/** ` (late)` for a post made late, else nothing: appended to the reminder and "starting now" text. */
export function lateSuffix(decision: TimerDecision): string {
  return decision.action === 'fire' && decision.late && decision.timer.kind !== 'next' ? ' (late)' : '';
}
