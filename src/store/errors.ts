// Typed store errors: callers branch on `code`, people read `message`. Messages never carry the
// database URL, so a password in DATABASE_URL cannot leak through an error.

/** Stable codes for store failures. */
export type StoreErrorCode = 'conflict' | 'config' | 'unavailable';

/** Base class of every error the store throws on purpose. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** A unique rule was violated, e.g. a second active meeting in one channel or a reused meeting ID. */
export class StoreConflictError extends StoreError {
  /** Which rule: the one-active-meeting-per-channel index, or a duplicate ID. */
  readonly rule: 'active-meeting-in-channel' | 'duplicate-id';

  constructor(rule: StoreConflictError['rule'], message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
    this.name = 'StoreConflictError';
    this.rule = rule;
  }
}

/** DATABASE_URL is malformed or names an unsupported backend. */
export class StoreConfigError extends StoreError {
  constructor(message: string) {
    super('config', message);
    this.name = 'StoreConfigError';
  }
}

/** The conflict raised when inserting or reactivating a meeting breaks a unique rule. */
export function meetingConflict(activeInChannel: boolean, cause: unknown): StoreConflictError {
  return activeInChannel
    ? new StoreConflictError('active-meeting-in-channel', 'A meeting is already active in this channel.', {
        cause,
      })
    : new StoreConflictError('duplicate-id', 'A meeting with this ID or session already exists.', { cause });
}
