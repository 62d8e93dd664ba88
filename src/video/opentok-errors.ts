// The official package's error classes and messages, reproduced for each method and HTTP status so
// code that branches on `err.message` or `instanceof OpenTok.ArchiveError` keeps working. Every error
// made from a failed call also carries our `code`, `status`, `requestId`, `userMessage` and the
// VideoError as `cause`.
import { VideoError } from './errors.js';

/** An argument the official package refuses (and our extra documented limits). */
export class ArgumentError extends Error {}
/** 401 or 403: the credentials were refused. */
export class AuthError extends Error {
  constructor(message = 'Invalid API key or secret') {
    super(message);
  }
}
/** An archive call the service refused. */
export class ArchiveError extends Error {}
/** Live captions already run for the session (409). */
export class CaptionsError extends Error {
  constructor(message = 'Live captions have already started for this OpenTok Session') {
    super(message);
  }
}
/** Exported for compatibility; the official package never throws it. */
export class SipError extends Error {}
/** A signal whose session or connection is unknown (404). */
export class SignalError extends Error {}
/** A force-disconnect whose session or connection is unknown (404). */
export class ForceDisconnectError extends Error {}
/** Exported for compatibility; the official package never throws it. */
export class CallbackError extends Error {}
/** Any other error status. */
export class RequestError extends Error {
  constructor(message = 'Unexpected response from OpenTok') {
    super(message);
  }
}
/** 404 on a call without a more specific message. */
export class NotFoundError extends Error {
  constructor(message = 'Not Found') {
    super(message);
  }
}

/** The classes the official package exports as static properties of OpenTok. */
export const ERROR_CLASSES = {
  ArgumentError,
  AuthError,
  ArchiveError,
  CaptionsError,
  SipError,
  SignalError,
  ForceDisconnectError,
  CallbackError,
  RequestError,
  NotFoundError,
};

/** A plain `Error` (the class the official package uses for its wrapped messages). */
export function plainError(message: string, name?: string): Error {
  const err = new Error(message);
  if (name) err.name = name;
  return err;
}

/** The reply body as the official transport parses it: JSON by content type, else the text. */
export function officialBody(e: VideoError): unknown {
  const text = e.body ?? '';
  if (e.contentType !== 'application/json') return text;
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The error the official transport makes of a failed call, before any method-specific handling. */
export function genericError(e: VideoError, origin: string): Error {
  if (e.status === 401 || e.status === 403) return new AuthError();
  if (e.status === 404) return new NotFoundError();
  if (e.status !== undefined) {
    const body = officialBody(e) as { message?: unknown } | null;
    const message = (body && typeof body === 'object' && body.message) || (e.body ?? '');
    return new RequestError(`Unexpected response from OpenTok: "${JSON.stringify({ message })}"`);
  }
  const url = origin + (e.path ?? '');
  // node-fetch's wording, so messages stay recognisable; the official package never times out.
  if (e.code === 'network')
    return plainError(`request to ${url} failed, reason: ${e.serverMessage}`, 'FetchError');
  if (e.code === 'timeout') return plainError(`network timeout at: ${url}`, 'FetchError');
  return new RequestError(`Unexpected response from OpenTok: ${e.serverMessage ?? e.userMessage}`);
}

/** How one method reports a failure: the error arguments its callback receives. */
type Rule = (generic: Error, e: VideoError) => Error | Error[];

const wrap =
  (prefix: string): Rule =>
  (g) =>
    plainError(prefix + String(g));
const on =
  (status: number, make: (e: VideoError) => Error): Rule =>
  (g, e) =>
    e.status === status ? make(e) : g;
const patchRule: Rule = (g, e) => {
  if (e.status === 400) return new ArgumentError('Invalid request: ' + JSON.stringify(officialBody(e)));
  if (e.status === 405) return new ArchiveError('Unsupported Stream Mode');
  if (e.status === 404) return new ArchiveError('Archive or stream not found');
  return g;
};

const RULES: Record<string, Rule> = {
  createSession: wrap('Failed to createSession. '),
  startArchive: (g, e) =>
    e.status === 404
      ? new ArchiveError('Session not found')
      : [
          g,
          e.status === 409
            ? new ArchiveError('Recording already in progress or session not using OpenTok Media Router')
            : g,
        ],
  stopArchive: (g, e) => {
    if (e.status === 404) return new ArchiveError('Archive not found');
    if (e.status !== 409) return g;
    const body = officialBody(e) as { message?: unknown } | null;
    return new ArchiveError(
      String((body && typeof body === 'object' && body.message) || 'Unknown archive error'),
    );
  },
  getArchive: on(404, () => new NotFoundError('Archive not found')),
  deleteArchive: on(404, () => new ArchiveError('Archive not found')),
  addArchiveStream: patchRule,
  removeArchiveStream: patchRule,
  startBroadcast: (g, e) =>
    e.status === 400
      ? plainError(
          'Failed to start broadcast. Error: Bad session ID, token, SIP credentials, or SIP URI (sip:user@domain.tld)',
        )
      : plainError('Failed to start broadcast. ' + String(g)),
  stopBroadcast: wrap('Failed to stop broadcast. '),
  getBroadcast: wrap('Failed to get broadcast. '),
  forceDisconnect: on(404, () => new ForceDisconnectError('Session or Connection not found')),
  signal: on(404, () => new SignalError('Session or Connection not found')),
  dial: wrap('Failed to dial endpoint. '),
  websocketConnect: (g) => plainError('Error connecting to websocket: ' + g.message),
  startCaptions: on(409, () => new CaptionsError()),
};

/** Copies our stable fields onto an official-style error. */
function decorate(err: Error, e: VideoError): Error {
  return Object.assign(err, {
    code: e.code,
    status: e.status,
    requestId: e.requestId,
    userMessage: e.userMessage,
    serverMessage: e.serverMessage,
    retryAfterMs: e.retryAfterMs,
    cause: e,
  });
}

/**
 * The error arguments the official package passes to `method`'s callback for `err`. Our own checks
 * of documented limits (no status) arrive as one ArgumentError with our sentence, never wrapped.
 */
export function compatErrors(method: string, err: unknown, origin: string): Error[] {
  if (!(err instanceof VideoError)) return [err instanceof Error ? err : new Error(String(err))];
  if (err.code === 'invalid' && err.status === undefined)
    return [decorate(new ArgumentError(err.userMessage), err)];
  const g = decorate(genericError(err, origin), err);
  const rule = RULES[method];
  const out = rule ? rule(g, err) : g;
  return (Array.isArray(out) ? out : [out]).map((x) => (x === g ? g : decorate(x, err)));
}
