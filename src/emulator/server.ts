import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Faults } from './faults.js';
import { HttpError, readBody, send, type Router } from './http.js';

// The HTTP front door: fault injection (REST paths only), routing, body parsing, error answers.
// Errors are answered as {code, message}, the service's error shape.

/** Creates the emulator's HTTP server (not yet listening); `onWrite` runs after each state-changing request. */
export function createEmulatorServer(router: Router, faults: Faults, onWrite?: () => void): Server {
  const server = createServer((req, res) => {
    void handle(router, faults, req, res).finally(() => {
      if (req.method !== 'GET' && req.method !== 'HEAD') onWrite?.();
    });
  });
  server.keepAliveTimeout = 30_000;
  return server;
}

async function handle(
  router: Router,
  faults: Faults,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  // Splitting by hand is much cheaper than new URL() on every request.
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  try {
    if (!path.startsWith('/_emulator/')) {
      const fault = faults.check(method, path);
      if (fault) {
        if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
        if (fault.drop) {
          req.socket.destroy();
          return;
        }
        if (fault.status !== undefined) {
          send(res, fault.status, { code: fault.status, message: 'Injected fault.' });
          return;
        }
      }
    }
    const { handler, params } = router.match(method, path);
    const body = await readBody(req);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const result = await handler({
      method,
      path,
      params,
      query,
      headers: req.headers,
      body,
      signal: gone.signal,
    });
    send(res, result.status, result.body, result.contentType, result.headers);
  } catch (err) {
    if (res.headersSent) return;
    if (err instanceof HttpError) send(res, err.status, { code: err.status, message: err.message });
    else send(res, 500, { code: 500, message: 'Internal emulator error.' });
  }
}
