// A bound on how long the card machinery waits for a platform call it does not control.

/** Thrown by {@link withTimeout} when the work took longer than allowed. */
export class PlatformTimeoutError extends Error {
  override readonly name = 'PlatformTimeoutError';
  readonly code = 'platform_timeout';
  constructor(readonly timeoutMs: number) {
    super(
      `The chat platform did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`,
    );
  }
}

/** Resolves or rejects like `work`, or rejects with {@link PlatformTimeoutError} after `ms`. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PlatformTimeoutError(ms)), ms);
    timer.unref?.();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
