import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { HttpError } from './http/errors.js';
import { withTimeout, type HealthCheck } from './http/health.js';
import { sendDoc, sendHome } from './http/home.js';
import { checkMetricsToken, type MetricsAccess } from './http/metrics.js';
import { sendJson, sendText } from './http/respond.js';
import { Router, type Handler } from './http/router.js';
import type { Logger } from './log.js';
import { httpRequestsTotal } from './metrics.js';

/** How long an idle keep-alive connection stays open (see createHttpServer). */
export const KEEP_ALIVE_MS = 65_000;

// The one HTTP server, in every mode (the shell included) so Vonage callbacks always arrive.
// Adapters and src/events mount their routes through `route()`; a handler's failure becomes a
// JSON error response and a log line, never a crashed process or a leaked stack trace. A request
// whose body is refused (unknown route, too large, failed handler) is answered and its connection
// closed: reading a huge upload to its end only to discard it costs about 1 s of CPU per GB.

/** The bot's HTTP server. */
export interface HttpServer {
  /** Registers a handler for `method` and a path pattern such as `/join/:ticket`. */
  route(method: string, pattern: string, handler: Handler): void;
  /** Adds (or replaces) a dependency checked by GET /healthz. */
  setHealthCheck(name: string, check: HealthCheck): void;
  /** Starts listening (port 0 = ephemeral); resolves with the bound port and a loopback URL. */
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stops accepting connections and closes idle ones. */
  close(): Promise<void>;
  readonly server: Server;
}

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  log: Logger;
  /** Registry served at GET /metrics. */
  metrics: Registry;
  /** Who may read GET /metrics on this server (default: nobody; see src/http/metrics.ts). */
  metricsAccess?: MetricsAccess;
  healthChecks?: Record<string, HealthCheck>;
  healthTimeoutMs?: number;
}

/** Whether the request announced a body that has not been read to its end. */
function unreadBody(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Creates the HTTP server with GET /, GET /docs/:name, GET /healthz and (unless off) GET /metrics built in. */
export function createHttpServer(opts: HttpServerOptions): HttpServer {
  const { log, metrics } = opts;
  const router = new Router();
  const checks = new Map<string, HealthCheck>(Object.entries(opts.healthChecks ?? {}));
  const healthTimeoutMs = opts.healthTimeoutMs ?? 3000;

  router.add('GET', '/healthz', async (_req, res) => {
    const results: Record<string, { ok: boolean; error?: string }> = {};
    await Promise.all(
      [...checks].map(async ([name, check]) => {
        try {
          await withTimeout(check, healthTimeoutMs);
          results[name] = { ok: true };
        } catch (err) {
          results[name] = { ok: false, error: err instanceof Error ? err.message : 'failed' };
        }
      }),
    );
    const ok = Object.values(results).every((r) => r.ok);
    sendJson(
      res,
      ok ? 200 : 503,
      { status: ok ? 'ok' : 'unavailable', checks: results },
      { 'cache-control': 'no-store' },
    );
  });
  const access = opts.metricsAccess ?? 'off';
  if (access !== 'off')
    router.add('GET', '/metrics', async (req, res) => {
      if (access !== 'public') checkMetricsToken(req, access.token);
      sendText(res, 200, await metrics.metrics(), metrics.contentType);
    });
  router.add('GET', '/', (_req, res) => sendHome(res));
  router.add('GET', '/docs/:name', (_req, res, params) => sendDoc(res, params.name!));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let routeLabel = 'unmatched';
    try {
      const method = (req.method ?? 'GET').toUpperCase();
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const match = router.match(method, path);
      if (match.kind === 'none') throw new HttpError(404, 'not_found', 'No such route.');
      if (match.kind === 'method')
        throw new HttpError(405, 'method_not_allowed', `Use ${match.allow.join(' or ')} for this route.`, {
          allow: match.allow.join(', '),
        });
      routeLabel = match.pattern
        .replace(/\/:[^/]+/g, '/:param')
        .replace(/^\/vonage\/events\/:param$/, '/vonage/events/:token');
      await match.handler(req, res, match.params);
      if (!res.writableEnded) sendJson(res, 204, {});
    } catch (err) {
      // Never read the rest of a refused body: answer, then close (Node drops the connection once
      // a `connection: close` response is out).
      const close: Record<string, string> = unreadBody(req) ? { connection: 'close' } : {};
      if (err instanceof HttpError) {
        if (err.warn)
          log.warn('refused a request', {
            method: req.method,
            route: routeLabel,
            error: err.code,
            reason: err.message,
          });
        sendJson(res, err.status, { error: err.code, message: err.message }, { ...err.headers, ...close });
      } else {
        log.error('http handler failed', { method: req.method, route: routeLabel, err });
        sendJson(
          res,
          500,
          { error: 'internal_error', message: 'Something went wrong on our side; it has been logged.' },
          close,
        );
      }
    } finally {
      httpRequestsTotal.inc({ route: routeLabel, status: String(res.statusCode) });
    }
  };

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, (req, res) => {
    handle(req, res).catch((err: unknown) => log.error('http response failed', { err }));
  });
  // Node closes a keep-alive connection after 5 s without a request. A load balancer in front
  // (commonly 60 s idle) may then send on a socket being closed (a 502 for that request), and every
  // sender whose traffic pauses for 5 s (Vonage between bursts of callbacks, Slack) connects again:
  // in the callbacks benchmark the first ~45 requests after such a pause waited 200-700 ms for their
  // connections (docs/bench/callbacks.md, stop 36). Longer than the usual balancer's idle timeout.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  return {
    server,
    route: (method, pattern, handler) => router.add(method, pattern, handler),
    setHealthCheck: (name, check) => void checks.set(name, check),
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const bound = (server.address() as AddressInfo).port;
          resolve({ port: bound, url: `http://127.0.0.1:${bound}` });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        // A connection busy with a request now is kept open after its answer, idle, until the
        // keep-alive timeout (65 s) would end it, and the server is only closed once it ends: so
        // each connection is closed as soon as it is idle, not only those idle at this moment.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
