import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for Discord's REST API: records every request, answers like Discord for the
// routes the adapter uses, and can be told to answer the next matching request with a 429.

/** One request the fake received. */
export interface Recorded {
  method: string;
  path: string;
  body: unknown;
  auth: string | undefined;
}

type Waiter = { match: (r: Recorded) => boolean; resolve: (r: Recorded) => void };

/** A running fake Discord REST server. */
export class FakeDiscord {
  readonly requests: Recorded[] = [];
  /** Requests answered with 429 (not in `requests`). */
  readonly limitedHits: Recorded[] = [];
  /** Guild roles served by GET /guilds/:id/roles. */
  roles: Array<{ id: string; name: string }> = [];
  private readonly waiters: Waiter[] = [];
  private readonly limited: Array<{ match: RegExp; retryAfterS: number }> = [];
  private readonly faults: Array<{ match: RegExp; status?: number; until?: Promise<void>; times: number }> =
    [];
  private nextId = 1000;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const rec: Recorded = {
          method: req.method ?? 'GET',
          path: decodeURIComponent((req.url ?? '/').replace(/^\/api\/v10/, '')),
          body: text ? (JSON.parse(text) as unknown) : undefined,
          auth: req.headers.authorization,
        };
        const limit = this.limited.findIndex((l) => l.match.test(`${rec.method} ${rec.path}`));
        if (limit >= 0) {
          const { retryAfterS } = this.limited.splice(limit, 1)[0]!;
          this.limitedHits.push(rec);
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(retryAfterS),
            'x-ratelimit-scope': 'user',
          });
          res.end(
            JSON.stringify({
              message: 'You are being rate limited.',
              retry_after: retryAfterS,
              global: false,
            }),
          );
          return;
        }
        const fault = this.faults.find((f) => f.match.test(`${rec.method} ${rec.path}`));
        if (fault) {
          if (--fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
          this.limitedHits.push(rec);
          if (fault.until) return void fault.until.then(() => res.destroy());
          res.writeHead(fault.status ?? 500, { 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ message: 'Internal Server Error', code: 0 }));
        }
        this.requests.push(rec);
        for (const w of [...this.waiters]) {
          if (w.match(rec)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(rec);
          }
        }
        this.answer(rec, res);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
    return this;
  }

  private answer(rec: Recorded, res: import('node:http').ServerResponse): void {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (rec.method === 'DELETE' || rec.path.endsWith('/callback') || /\/pins\//.test(rec.path)) {
      res.writeHead(204);
      res.end();
    } else if (rec.method === 'GET' && /^\/guilds\/[^/]+\/roles$/.test(rec.path)) json(200, this.roles);
    else if (rec.method === 'GET' && rec.path === '/gateway/bot')
      json(401, { message: '401: Unauthorized', code: 0 });
    else if (rec.method === 'PUT') json(200, rec.body);
    else json(200, { id: String(this.nextId++), channel_id: rec.path.split('/')[2] ?? '' });
  }

  /** Answers the next request matching `METHOD /path` with 429 and Retry-After. */
  rateLimitNext(match: RegExp, retryAfterS: number): void {
    this.limited.push({ match, retryAfterS });
  }

  /** Answers the next `times` requests matching `METHOD /path` with `status` (a 5xx by default). */
  failNext(match: RegExp, times = 1, status = 500): void {
    this.faults.push({ match, status, times });
  }

  /** Holds the next `times` matching requests unanswered until `until` resolves (then drops them). */
  hangNext(match: RegExp, until: Promise<void>, times = 1): void {
    this.faults.push({ match, until, times });
  }

  /** Resolves with the first request (already received or future) matching `match`. */
  waitFor(match: (r: Recorded) => boolean): Promise<Recorded> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Requests whose `METHOD path` matches. */
  matching(re: RegExp): Recorded[] {
    return this.requests.filter((r) => re.test(`${r.method} ${r.path}`));
  }

  close(): Promise<void> {
    return new Promise((r) => {
      this.server.closeAllConnections();
      this.server.close(() => r());
    });
  }
}
