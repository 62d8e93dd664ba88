/** Stable machine-readable codes for every way a Video API call can fail. */
export type VideoErrorCode =
  'auth' | 'not_found' | 'conflict' | 'invalid' | 'rate_limited' | 'unavailable' | 'timeout' | 'network';

/** Options for constructing a {@link VideoError}. */
export interface VideoErrorInit {
  code: VideoErrorCode;
  /** One sentence for people: what went wrong and what to do. */
  userMessage: string;
  status?: number;
  method?: string;
  path?: string;
  serverMessage?: string;
  requestId?: string;
  retryAfterMs?: number;
  /** The reply text (secret-shaped parts redacted, bounded), for callers that must quote it. */
  body?: string;
  /** The reply's Content-Type without parameters. */
  contentType?: string;
  cause?: unknown;
}

/**
 * The one error type of the Video client: a stable `code`, the HTTP details and a sentence for people.
 * It never carries credentials, tokens or Authorization headers.
 */
export class VideoError extends Error {
  override readonly name = 'VideoError';
  readonly code: VideoErrorCode;
  readonly userMessage: string;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly serverMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly body: string | undefined;
  readonly contentType: string | undefined;

  constructor(init: VideoErrorInit) {
    const where =
      init.method && init.path
        ? ` (${init.method} ${init.path}${init.status ? ` -> ${init.status}` : ''})`
        : '';
    super(init.userMessage + where, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.userMessage = init.userMessage;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.serverMessage = init.serverMessage;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
    this.contentType = init.contentType;
  }
}

/** True when `err` is a {@link VideoError}, optionally with the given code. */
export function isVideoError(err: unknown, code?: VideoErrorCode): err is VideoError {
  return err instanceof VideoError && (code === undefined || err.code === code);
}
