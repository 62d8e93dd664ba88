// Typed scheduling errors, shaped like VideoError: a stable code for programs, one sentence for people.

/** Stable codes for every way a schedule input can be refused. */
export type ScheduleErrorCode =
  | 'invalid_when'
  | 'ambiguous_date'
  | 'past'
  | 'too_far'
  | 'invalid_duration'
  | 'invalid_reminder'
  | 'invalid_time_zone'
  | 'invalid_recurrence'
  | 'invalid_event';

/** Options for constructing a {@link ScheduleError}. */
export interface ScheduleErrorInit {
  code: ScheduleErrorCode;
  /** One sentence for people: what was wrong and what to type instead. */
  userMessage: string;
  /** A corrected input to offer, when there is one (e.g. `tomorrow 10:00`, `America/New_York`). */
  suggestion?: string;
  cause?: unknown;
}

/** The one error type of `src/schedule/`: refused input, with a sentence that says what to do. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  readonly code: ScheduleErrorCode;
  readonly userMessage: string;
  readonly suggestion: string | undefined;

  constructor(init: ScheduleErrorInit) {
    super(init.userMessage, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.userMessage = init.userMessage;
    this.suggestion = init.suggestion;
  }
}

/** True when `err` is a {@link ScheduleError}, optionally with the given code. */
export function isScheduleError(err: unknown, code?: ScheduleErrorCode): err is ScheduleError {
  return err instanceof ScheduleError && (code === undefined || err.code === code);
}
