import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/body.js';
import { HttpError } from '../http/errors.js';

// Small response helpers for the join routes. Every answer is no-store and carries the headers a page
// holding a capability URL needs: no referrer (the ticket is in the path), no framing, no sniffing.

/** A route handler in the shape `createHttpServer().route()` expects. */
export type JoinHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
) => Promise<void> | void;

/** Anything that can register a route: `createHttpServer()` satisfies it structurally. */
export interface JoinRouter {
  route(method: string, pathPattern: string, handler: JoinHandler): unknown;
}

/** Thrown by {@link readJson} for a body that is too big, not JSON or not an object. */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}

const BASE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/** Content-Security-Policy of the join page; the real SDK needs its own <style> tags, workers and media servers. */
export function contentSecurityPolicy(mode: 'vonage' | 'emulator'): string {
  const real = mode === 'vonage';
  return [
    "default-src 'self'",
    "script-src 'self'",
    real ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    real ? "connect-src 'self' https: wss:" : "connect-src 'self'",
    real ? "worker-src 'self' blob: data:" : "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Whether `res` answers a request whose body was not read to its end (a refusal before or while
 * reading it). Node would then read and drop the rest of the upload to keep the connection, however
 * large it is; answered with `Connection: close`, the connection ends with the answer instead, as
 * the core's 413 does (src/http/body.ts).
 */
function bodyLeftUnread(res: ServerResponse): boolean {
  const req = res.req;
  if (!req || req.complete) return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Sends an HTML page with the join page's security headers. */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  mode: 'vonage' | 'emulator',
): void {
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy(mode),
    'Content-Length': Buffer.byteLength(html),
    ...(bodyLeftUnread(res) ? { Connection: 'close' } : {}),
  });
  res.end(html);
}

/** Sends a JSON answer (never cached: it may hold a Video token). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...(bodyLeftUnread(res) ? { Connection: 'close' } : {}),
  });
  res.end(text);
}

/** Reads a small JSON object body; only `application/json` is accepted so that plain cross-site forms cannot post here. */
export async function readJson(req: IncomingMessage, limit = 8192): Promise<Record<string, unknown>> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type))
    throw new BadRequestError('Send the request as application/json.', 415);
  let raw: Buffer;
  try {
    // The core's reader: a declared size over the limit is refused before a byte of it is read,
    // a chunked one as soon as it passes the limit.
    raw = await readBody(req, limit);
  } catch (err) {
    if (err instanceof HttpError && err.status === 413)
      throw new BadRequestError('The request body is too large.', 413);
    throw new BadRequestError('The request could not be read.');
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError('The request body is not valid JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new BadRequestError('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}
