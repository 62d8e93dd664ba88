import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../log.js';
import { HttpError } from './errors.js';
import { sendJson, sendText } from './respond.js';

// Prometheus metrics are operator data (command counts, error rates, who holds which lease): they
// are never public on the bot's port. Either a separate port that only the scraper reaches
// (METRICS_PORT) serves them, or the main port serves them to a bearer token (METRICS_TOKEN).

/** Who may read GET /metrics on a server: nobody, anyone who reaches it, or holders of a bearer token. */
export type MetricsAccess = 'off' | 'public' | { token: string };

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Throws 401 unless the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function checkMetricsToken(req: IncomingMessage, token: string): void {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  // Hashing first makes the comparison constant-time whatever the lengths.
  if (!m || !timingSafeEqual(digest(m[1]!), digest(token)))
    throw new HttpError(401, 'unauthorized', 'Metrics need the bearer token set in METRICS_TOKEN.', {
      'www-authenticate': 'Bearer realm="metrics"',
    });
}

/** A listener that serves only GET /metrics (for METRICS_PORT); resolves once it listens. */
export async function startMetricsServer(
  registry: Registry,
  port: number,
  host: string | undefined,
  log: Logger,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer({ requestTimeout: 10_000, headersTimeout: 5_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      sendJson(
        res,
        404,
        { error: 'not_found', message: 'This port serves GET /metrics only.' },
        { connection: 'close' },
      );
      return;
    }
    registry.metrics().then(
      (text) => sendText(res, 200, text, registry.contentType),
      (err: unknown) => {
        log.error('metrics failed', { err });
        sendJson(res, 500, { error: 'internal_error', message: 'Metrics could not be collected.' });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
