// A fake Slack for the replica test: the Web API (chat.postMessage, chat.update, calls.*, users.info)
// and the response_url endpoint, recording every call with its arrival time. Message timestamps are
// unique across all replicas because this one server hands them out.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** One recorded Web API call or response_url post. */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** What the fake answered (chat.postMessage: the message's `ts`). */
  result: Record<string, unknown>;
}

/** The running fake. */
export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Posts made to response_url `/respond/<id>`. */
  responses(id: string): SlackCall[];
  close(): Promise<void>;
}

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (type?.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw) as Record<string, unknown>;
  for (const k of ['blocks', 'view', 'users'])
    if (typeof form[k] === 'string') form[k] = JSON.parse(form[k] as string);
  return form;
}

/** Starts the fake on an ephemeral loopback port. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  let ts = 1_700_000_000;
  const answer = (method: string, b: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'chat.postMessage':
        return { ok: true, channel: b.channel, ts: `${ts++}.000100` };
      case 'chat.update':
        return { ok: true, channel: b.channel, ts: b.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${ts++}.000200` };
      case 'users.info':
        return { ok: true, user: { id: b.user, is_admin: false, is_owner: false } };
      case 'calls.add':
        return { ok: true, call: { id: `R${ts++}` } };
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      default:
        return { ok: true };
    }
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const method = path.startsWith('/api/') ? path.slice(5) : path.slice(1);
      let body: Record<string, unknown>;
      try {
        body = parseBody(raw, req.headers['content-type']);
      } catch {
        body = { raw };
      }
      const result = method.startsWith('respond/') ? { ok: true } : answer(method, body);
      calls.push({ method, body, at: Date.now(), result });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    callsTo: (m) => calls.filter((c) => c.method === m),
    responses: (id) => calls.filter((c) => c.method === `respond/${id}`),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
