// A local fake of the Slack Web API (and response_url endpoint), reached via clientOptions.slackApiUrl.
// It records every call and answers per method; a method can be told to answer 429 with Retry-After.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  auth: string | undefined;
}

type Answer = {
  status?: number;
  headers?: Record<string, string>;
  json: unknown;
};
/** Answers a call; a promise lets a test hold the answer back (a slow or hung Slack). */
type Handler = (body: Record<string, unknown>) => Answer | Promise<Answer>;

/** A running fake Slack API with a call log. */
export interface FakeSlackApi {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  on(method: string, handler: Handler): void;
  callsTo(method: string): RecordedCall[];
  /** Resolves once `n` calls to `method` were recorded. */
  waitFor(method: string, n?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (type?.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw) as Record<string, unknown>;
  for (const k of ['blocks', 'view', 'users']) {
    if (typeof form[k] === 'string') form[k] = JSON.parse(form[k] as string);
  }
  return form;
}

/** Starts the fake on an ephemeral loopback port. */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const handlers = new Map<string, Handler>();
  let ts = 1700000000;
  const defaults: Record<string, Handler> = {
    'auth.test': () => ({ json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } }),
    'chat.postMessage': (b) => ({ json: { ok: true, channel: b.channel, ts: `${ts++}.000100` } }),
    'chat.postEphemeral': () => ({ json: { ok: true, message_ts: `${ts++}.000200` } }),
    'chat.update': (b) => ({ json: { ok: true, channel: b.channel, ts: b.ts } }),
    'views.open': () => ({ json: { ok: true, view: { id: 'V1' } } }),
    'users.info': (b) => ({ json: { ok: true, user: { id: b.user, is_admin: false, is_owner: false } } }),
    'calls.add': () => ({ json: { ok: true, call: { id: `R${ts++}` } } }),
    'calls.participants.add': () => ({ json: { ok: true } }),
    'calls.participants.remove': () => ({ json: { ok: true } }),
    'calls.end': () => ({ json: { ok: true } }),
    'oauth.v2.access': () => ({ json: { ok: false, error: 'invalid_code' } }),
  };
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const method = path.startsWith('/api/') ? path.slice(5) : path.slice(1);
      const body = parseBody(raw, req.headers['content-type']);
      calls.push({ method, body, auth: req.headers.authorization });
      waiters.splice(0).forEach((w) => w());
      const h: Handler = handlers.get(method) ?? defaults[method] ?? (() => ({ json: { ok: true } }));
      void Promise.resolve(h(body)).then((out) => {
        if (res.destroyed) return;
        res.writeHead(out.status ?? 200, { 'content-type': 'application/json', ...out.headers });
        res.end(JSON.stringify(out.json));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callsTo = (m: string) => calls.filter((c) => c.method === m);
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    on: (m, h) => handlers.set(m, h),
    callsTo,
    async waitFor(m, n = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (callsTo(m).length < n) {
        if (Date.now() > deadline)
          throw new Error(
            `timed out waiting for ${n} call(s) to ${m}; saw ${calls.map((c) => c.method).join(', ')}`,
          );
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return callsTo(m);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
