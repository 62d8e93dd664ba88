import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server that answers the emulator's control API the way the emulator documents it and
// records every call, so the relay's requests can be checked exactly.

/** One recorded control call. */
export interface ControlCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
}

/** Starts the recorder; `refuse` makes every call answer that status. */
export async function startControlServer(): Promise<{
  url: string;
  calls: ControlCall[];
  refuse: { status: number | null };
  close(): Promise<void>;
}> {
  const calls: ControlCall[] = [];
  const refuse = { status: null as number | null };
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      calls.push({
        method: req.method ?? '',
        path: req.url ?? '',
        body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
      });
      res.setHeader('content-type', 'application/json');
      if (refuse.status) {
        res.statusCode = refuse.status;
        res.end(JSON.stringify({ code: refuse.status, message: 'Token expired.' }));
      } else if (req.method === 'POST' && /\/connections$/.test(req.url ?? ''))
        res.end(JSON.stringify({ connectionId: `conn-${++n}` }));
      else if (req.method === 'POST' && /\/streams$/.test(req.url ?? ''))
        res.end(JSON.stringify({ streamId: `stream-${++n}` }));
      else {
        res.statusCode = 204;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, refuse, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
