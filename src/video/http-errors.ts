// Maps HTTP statuses and transport failures to VideoError codes with a sentence for people. Server
// messages are kept for operators but scrubbed of anything shaped like a token or key.
import { VideoError, type VideoErrorCode } from './errors.js';
import { parseRetryAfter } from './retry.js';

const SECRET_SHAPES =
  /(eyJ[\w-]+\.[\w-]+\.[\w-]*|T1==[\w+/=]+|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$))/g;

const MESSAGES: Record<VideoErrorCode, string> = {
  auth: 'The Video API rejected our credentials; check the API key and secret or the application ID and private key.',
  not_found: 'The Video API could not find that {what}.',
  conflict: 'The Video API refused because the {what} is not in a state that allows this right now.',
  invalid: 'The Video API rejected the request as invalid.',
  rate_limited: 'The Video API is rate limiting us; try again in a moment.',
  unavailable: 'The Video API is unavailable right now; try again in a moment.',
  timeout: 'The Video API did not answer in time; try again in a moment.',
  network: 'Could not reach the Video API; check the network and the base URL.',
};

/** The code for an HTTP error status. */
export function codeForStatus(status: number): VideoErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 409 || status === 405) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500 || status < 400) return 'unavailable';
  return 'invalid';
}

function userMessage(code: VideoErrorCode, what: string): string {
  return MESSAGES[code].replace('{what}', what);
}

/** Removes token- and key-shaped substrings and bounds the length. */
export function scrub(text: string, max = 500): string {
  const t = text.replace(SECRET_SHAPES, '[redacted]');
  return t.length > max ? t.slice(0, max) + '…' : t;
}

function serverMessage(text: string): string | undefined {
  if (!text) return undefined;
  try {
    const body = JSON.parse(text) as { message?: unknown } | null;
    if (body && typeof body.message === 'string') return scrub(body.message);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return scrub(text);
}

type Headers = Record<string, string | string[] | undefined>;

/** Builds the error for a non-2xx reply. */
export function statusError(
  status: number,
  method: string,
  path: string,
  text: string,
  headers: Headers,
  what: string,
): VideoError {
  const code = codeForStatus(status);
  const rid = headers['x-request-id'] ?? headers['x-vonage-request-id'];
  const type = headers['content-type'];
  return new VideoError({
    code,
    userMessage: userMessage(code, what),
    status,
    method,
    path,
    serverMessage: serverMessage(text),
    requestId: Array.isArray(rid) ? rid[0] : rid,
    retryAfterMs: status === 429 ? parseRetryAfter(headers['retry-after']) : undefined,
    body: scrub(text, 4000),
    contentType: (Array.isArray(type) ? type[0] : type)?.split(';')[0]?.trim().toLowerCase(),
  });
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** Builds the error for a failure without a reply: timeout, abort or network. */
export function transportError(err: unknown, method: string, path: string, timedOut = false): VideoError {
  if (err instanceof VideoError) return err;
  const e = err as { name?: string; code?: string; message?: string } | undefined;
  if (timedOut || (e?.code && TIMEOUT_CODES.has(e.code))) {
    return new VideoError({ code: 'timeout', userMessage: MESSAGES.timeout, method, path });
  }
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError' || e?.code === 'UND_ERR_ABORTED') {
    return new VideoError({
      code: 'timeout',
      userMessage: 'The Video API call was cancelled before it finished.',
      method,
      path,
    });
  }
  // Keep only the error code and message of the cause, never request options that could hold headers.
  const cause = { code: e?.code, message: scrub(String(e?.message ?? err)) };
  return new VideoError({
    code: 'network',
    userMessage: MESSAGES.network,
    method,
    path,
    serverMessage: cause.message,
    cause,
  });
}

/** Builds the error for a 2xx reply whose body does not have the expected shape. */
export function badReplyError(method: string, path: string, detail: string): VideoError {
  return new VideoError({
    code: 'unavailable',
    userMessage: 'The Video API sent a reply this client could not read.',
    method,
    path,
    serverMessage: scrub(detail),
  });
}
