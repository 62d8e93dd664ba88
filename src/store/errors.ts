// Typed store errors, shaped like VideoError: callers branch on `code`, people read `userMessage`,
// the driver's error is kept as `cause`. Messages never carry the database URL, so a password in
// DATABASE_URL cannot leak through an error.

/** Stable codes for store failures. */
export type StoreErrorCode = 'conflict' | 'config' | 'busy' | 'unavailable';

/** Base class of every error the store throws on purpose. */
export class StoreError extends Error {
  override name = 'StoreError';
  readonly code: StoreErrorCode;
  /** One sentence for people: what went wrong and what to do. */
  readonly userMessage: string;

  constructor(code: StoreErrorCode, userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.userMessage = userMessage;
  }
}

/** A unique rule was violated, e.g. a second active meeting in one channel or a reused meeting ID. */
export class StoreConflictError extends StoreError {
  override name = 'StoreConflictError';
  /** Which rule: the one-active-meeting-per-channel index, or a duplicate ID. */
  readonly rule: 'active-meeting-in-channel' | 'duplicate-id';

  constructor(rule: StoreConflictError['rule'], message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
    this.rule = rule;
  }
}

/** DATABASE_URL is malformed or names an unsupported backend. */
export class StoreConfigError extends StoreError {
  override name = 'StoreConfigError';

  constructor(message: string) {
    super('config', message);
  }
}

/** Another process held the database's write lock until the caller's deadline: try again in a moment. */
export class StoreBusyError extends StoreError {
  override name = 'StoreBusyError';

  constructor(cause?: unknown) {
    super('busy', 'The database is busy right now; try again in a moment.', { cause });
  }
}

/** The database cannot be written (file deleted, disk full, connection lost, store closed). */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';

  constructor(message: string, cause?: unknown) {
    super('unavailable', message, { cause });
  }
}

/** True when `err` is a {@link StoreError}, optionally with the given code. */
export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}

/** The conflict raised when inserting or reactivating a meeting breaks a unique rule. */
export function meetingConflict(activeInChannel: boolean, cause: unknown): StoreConflictError {
  return activeInChannel
    ? new StoreConflictError('active-meeting-in-channel', 'A meeting is already active in this channel.', {
        cause,
      })
    : new StoreConflictError('duplicate-id', 'A meeting with this ID or session already exists.', { cause });
}
