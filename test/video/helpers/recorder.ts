// A loopback HTTP server that records every request and answers with scripted or default replies.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded request. */
export interface Recorded {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A scripted reply. `body` objects are sent as JSON; `destroy` drops the socket; `delayMs` stalls. */
export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  destroy?: boolean;
}

export const ARCHIVE = {
  id: 'ARCH1',
  sessionId: 'S',
  status: 'started',
  createdAt: 1,
  duration: 0,
  size: 0,
  name: 'n',
};
export const BROADCAST = {
  id: 'BC1',
  sessionId: 'S',
  status: 'started',
  createdAt: 1,
  broadcastUrls: { hls: 'https://h' },
};
export const RENDER = { id: 'R1', sessionId: 'S', status: 'started', createdAt: 1, url: 'https://r' };
export const CAPTION = {
  captionId: 'CAP1',
  applicationId: '123456',
  sessionId: 'S',
  status: 'started',
  createdAt: 1,
  updatedAt: 2,
  duration: 0,
  languageCode: 'en-US',
  provider: 'aws-transcribe',
};
export const CALLBACK = {
  id: 'CB1',
  group: 'captions',
  event: 'status',
  url: 'https://example.com/cb',
  createdAt: 1,
};
export const STREAM = { id: 'ST1', videoType: 'camera', name: 'x', layoutClassList: ['full'] };

/** A plausible success reply for any Video REST path. */
export function defaultReply(method: string, url: string): Reply {
  const path = url.split('?')[0] ?? '';
  if (path.endsWith('/session/create'))
    return { body: [{ session_id: 'SESSION-FROM-SERVER', project_id: '123456' }] };
  if (/\/archive$/.test(path)) return { body: method === 'GET' ? { count: 1, items: [ARCHIVE] } : ARCHIVE };
  if (/\/archive\/[^/]+(\/stop)?$/.test(path))
    return method === 'DELETE' ? { status: 204 } : { body: ARCHIVE };
  if (/\/broadcast$/.test(path))
    return { body: method === 'GET' ? { count: 1, items: [BROADCAST] } : BROADCAST };
  if (/\/broadcast\/[^/]+(\/stop)?$/.test(path)) return { body: BROADCAST };
  if (/\/render$/.test(path))
    return {
      status: method === 'GET' ? 200 : 202,
      body: method === 'GET' ? { count: 1, items: [RENDER] } : RENDER,
    };
  if (/\/render\/[^/]+$/.test(path)) return method === 'DELETE' ? { status: 204 } : { body: RENDER };
  if (/\/stream$/.test(path) && method === 'GET') return { body: { count: 1, items: [STREAM] } };
  if (/\/stream\/[^/]+$/.test(path) && method === 'GET') return { body: STREAM };
  if (/\/captions$/.test(path)) return { status: 202, body: { captionsId: 'CAP1' } };
  if (/\/captions\/[^/]+\/stop$/.test(path)) return { status: 202 };
  if (/\/captions\/[^/]+$/.test(path)) return { body: CAPTION };
  if (/\/callback$/.test(path)) return { body: method === 'GET' ? [CALLBACK] : CALLBACK };
  if (path.endsWith('/dial')) return { body: { id: 'CALL1', connectionId: 'CONN1', streamId: 'ST9' } };
  if (path.endsWith('/connect')) return { body: { id: 'WS1', connectionId: 'CONN2' } };
  if (path.endsWith('/mute') || path.endsWith('/layout') || path.endsWith('/play-dtmf'))
    return { status: 200, body: {} };
  return { status: 204 };
}

/** The recording server. */
export class Recorder {
  readonly requests: Recorded[] = [];
  /** Replies used in order before falling back to `fallback`. */
  readonly queue: Reply[] = [];
  fallback: (method: string, url: string) => Reply = defaultReply;
  url = '';
  private server: Server | undefined;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Forgets recorded requests and pending replies. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.fallback = defaultReply;
  }

  /** The only request recorded since the last reset (fails loudly otherwise). */
  one(): Recorded {
    if (this.requests.length !== 1) throw new Error(`expected 1 request, got ${this.requests.length}`);
    return this.requests[0]!;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rec = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(rec);
    const reply = this.queue.shift() ?? this.fallback(rec.method, rec.url);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    const isText = typeof reply.body === 'string';
    const text = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
    const headers: Record<string, string> = {
      ...(reply.body !== undefined && !isText ? { 'content-type': 'application/json' } : {}),
      ...reply.headers,
    };
    if (!res.destroyed) res.writeHead(reply.status ?? 200, headers).end(text);
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
