import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the network between the Video API and the bot: the emulator's callbacks go here
// and are passed on at once, except those `hold` picks, which wait (answered 200 to the emulator,
// as a slow network would not be) until the test releases them. Lets a test see the state before a
// callback arrives without depending on timing.

/** A running callback gate. */
export interface CallbackGate {
  url: string;
  /** How many callbacks are held. */
  held(): number;
  /** Passes the held callbacks on, in order, and resolves once the bot answered each. */
  release(): Promise<void>;
  close(): Promise<void>;
}

type Held = { headers: IncomingHttpHeaders; body: string };

const HOP = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);

async function forward(target: string, h: Held): Promise<number> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(h.headers)) if (!HOP.has(k) && typeof v === 'string') headers[k] = v;
  const res = await fetch(target, { method: 'POST', headers, body: h.body });
  await res.arrayBuffer();
  return res.status;
}

/** Starts a gate that forwards to `target` and holds the callbacks whose JSON body `hold` picks. */
export async function startCallbackGate(
  target: string,
  hold: (body: Record<string, unknown>) => boolean,
): Promise<CallbackGate> {
  const queue: Held[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const h = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(h.body) as Record<string, unknown>;
      } catch {
        // Not JSON: passed on as it is.
      }
      if (hold(parsed)) {
        queue.push(h);
        res.writeHead(200).end();
        return;
      }
      forward(target, h).then(
        (status) => res.writeHead(status).end(),
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks`,
    held: () => queue.length,
    async release() {
      for (const h of queue.splice(0)) await forward(target, h);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Picks the archive callback that says a transcription is available. */
export const transcriptReady = (b: Record<string, unknown>): boolean =>
  (b.transcription as { status?: string } | undefined)?.status === 'available';
