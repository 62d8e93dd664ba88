/** An error that maps onto an HTTP response: status, a stable code and a sentence safe to show. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Log a warning when answering (input that passed authentication but cannot be used). */
    readonly warn = false,
  ) {
    super(message);
  }
}

/**
 * A 400 for input that is authentic (signed, or on the secret path) but malformed: the server
 * answers with the sentence and logs a warning, because a sender we trust is sending us junk.
 */
export function malformedRequest(code: string, message: string): HttpError {
  return new HttpError(400, code, message, {}, true);
}
