// A Bolt Receiver mounted on our shared HTTP server (POST /slack/events) instead of its own port.
// Order matters: size limit, then signature and 5-minute window, then parsing; a forged, stale or
// oversized request is answered 401/413 before anything reaches Bolt, the core or the store, and a
// signed but malformed one gets a 400 and a warning (src/http/errors.ts malformedRequest).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { readBody } from '../../src/http/body.js';
import { malformedRequest } from '../../src/http/errors.js';
import type { Logger } from '../../src/log.js';
import { isWellFormedSlackBody } from './shapes.js';

/** Options of {@link SlackHttpReceiver}. */
export interface SlackHttpReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** Largest accepted body in bytes (Slack payloads are far smaller). */
  bodyLimit?: number;
  /** Clock in ms; injectable for tests of the replay window. */
  now?: () => number;
  /** Answer 404 when no listener acked within this time (Bolt's default is 3001 ms). */
  unhandledTimeoutMs?: number;
}

const WINDOW_S = 5 * 60;

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === '') {
    res.writeHead(status).end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses a verified body: form-encoded (slash commands, `payload=` interactions) or JSON (events).
 * Throws a 400 malformedRequest when it is not one of those shapes (`payload=null`, an array, ...).
 */
export function parseSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  const form = contentType?.startsWith('application/x-www-form-urlencoded') ?? false;
  let body: unknown;
  try {
    if (form) {
      const fields = parseQuery(raw);
      body =
        fields.payload === undefined
          ? { ...fields }
          : typeof fields.payload === 'string'
            ? JSON.parse(fields.payload)
            : null;
    } else body = JSON.parse(raw);
  } catch {
    body = null;
  }
  if (!isObject(body) || !isWellFormedSlackBody(body, form))
    throw malformedRequest('malformed_payload', 'The Slack request is signed but its payload is malformed.');
  return body;
}

/** Bolt receiver for Slack's HTTP delivery, exposing a plain Node handler for our router. */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private readonly limit: number;
  private readonly now: () => number;

  constructor(private readonly opts: SlackHttpReceiverOptions) {
    if (!opts.signingSecret)
      throw new Error('SLACK_SIGNING_SECRET is empty; set it to the app signing secret.');
    this.limit = opts.bodyLimit ?? 256 * 1024;
    this.now = opts.now ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Nothing to listen on: the shared server owns the port. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Handles one POST /slack/events request. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Too large or unreadable: a 413/400 HttpError that the server answers, closing the connection.
    const raw = (await readBody(req, this.limit)).toString('utf8');
    const contentType = header(req, 'content-type');
    if (contentType?.startsWith('application/x-www-form-urlencoded') && parseQuery(raw).ssl_check === '1')
      return reply(res, 200);
    if (!this.verify(req, raw)) return reply(res, 401, 'Invalid Slack signature or stale timestamp.');
    const body = parseSlackBody(raw, contentType);
    if (body.type === 'url_verification') return reply(res, 200, { challenge: body.challenge });
    await this.dispatch(req, res, body);
  };

  private verify(req: IncomingMessage, raw: string): boolean {
    const signature = header(req, 'x-slack-signature');
    const ts = Number(header(req, 'x-slack-request-timestamp'));
    if (!signature || !Number.isInteger(ts)) return false;
    const nowMs = this.now();
    // Bolt only rejects stale timestamps; a future-dated one is just as much a replay risk.
    if (ts - Math.floor(nowMs / 1000) > WINDOW_S) return false;
    return isValidSlackRequest({
      signingSecret: this.opts.signingSecret,
      body: raw,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
      nowMilliseconds: nowMs,
    });
  }

  private async dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
  ): Promise<void> {
    if (!this.app) return reply(res, 503, 'Slack app not initialised.');
    let acked = false;
    const timer = setTimeout(() => {
      if (acked) return;
      acked = true;
      this.opts.log.warn('slack request not acknowledged in time', { type: body.type });
      reply(res, 404);
    }, this.opts.unhandledTimeoutMs ?? 3001);
    timer.unref();
    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const event: ReceiverEvent = {
      body,
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(header(req, 'x-slack-retry-reason') ? { retryReason: header(req, 'x-slack-retry-reason') } : {}),
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        reply(res, 200, response);
      },
    };
    try {
      await this.app.processEvent(event);
    } catch (err) {
      this.opts.log.error('slack listener failed', { err });
      if (!acked) {
        acked = true;
        clearTimeout(timer);
        reply(res, 500);
      }
    }
  }
}
