// A small HTTP load balancer in front of the replicas: round-robin over live targets. Slack requests
// that fail in transit (a replica killed mid-request) are redelivered to the next replica with
// x-slack-retry-num, as Slack does; a Vonage callback that fails gets a 502 so the emulator retries
// it. A share of callbacks is also delivered a second time to another replica (duplicate delivery).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

/** One forwarded attempt, for the checks. */
export interface Forward {
  path: string;
  target: string;
  status: number;
  /** 0 for the first attempt, n for the nth redelivery. */
  retry: number;
  duplicate: boolean;
  body: string;
  /** How long the replica took to answer (the ack, for Slack requests). */
  ms: number;
}

/** A replica behind the balancer. */
export interface Target {
  name: string;
  url: string;
  alive: boolean;
}

/** The running balancer. */
export interface Balancer {
  url: string;
  targets: Target[];
  log: Forward[];
  close(): Promise<void>;
}

const PASS = /^(content-type|authorization|x-slack-|user-agent)/i;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the balancer; `duplicateEvery` sends every nth callback twice (0 = never). */
export async function startBalancer(
  targets: Target[],
  opts: { duplicateEvery?: number } = {},
): Promise<Balancer> {
  const log: Forward[] = [];
  const agent = new Agent({ connections: 64, headersTimeout: 10_000, bodyTimeout: 10_000 });
  let next = 0;
  let callbacks = 0;
  const pick = (): Target | undefined => {
    const live = targets.filter((t) => t.alive);
    return live.length ? live[next++ % live.length] : undefined;
  };
  const send = async (t: Target, req: IncomingMessage, body: Buffer, extra: Record<string, string>) => {
    const headers: Record<string, string> = { ...extra };
    for (const [k, v] of Object.entries(req.headers))
      if (PASS.test(k) && typeof v === 'string') headers[k] = v;
    const res = await request(`${t.url}${req.url ?? '/'}`, {
      method: req.method as 'POST',
      headers,
      body,
      dispatcher: agent,
    });
    return {
      status: res.statusCode,
      type: String(res.headers['content-type'] ?? 'text/plain'),
      text: await res.body.text(),
    };
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? '').split('?')[0] ?? '';
      const isSlack = path.startsWith('/slack/');
      const isCallback = path.startsWith('/vonage/');
      if (isCallback && opts.duplicateEvery && ++callbacks % opts.duplicateEvery === 0) {
        const other = pick();
        if (other) {
          const from = Date.now();
          void send(other, req, body, {}).then(
            (r) =>
              log.push({
                path,
                target: other.name,
                status: r.status,
                retry: 0,
                duplicate: true,
                body: body.toString(),
                ms: Date.now() - from,
              }),
            () =>
              log.push({
                path,
                target: other.name,
                status: 0,
                retry: 0,
                duplicate: true,
                body: body.toString(),
                ms: Date.now() - from,
              }),
          );
        }
      }
      for (let retry = 0; retry < 4; retry++) {
        const t = pick();
        if (!t) break;
        const extra: Record<string, string> =
          isSlack && retry > 0
            ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_error' }
            : {};
        const from = Date.now();
        try {
          const r = await send(t, req, body, extra);
          log.push({
            path,
            target: t.name,
            status: r.status,
            retry,
            duplicate: false,
            body: body.toString(),
            ms: Date.now() - from,
          });
          res.writeHead(r.status, { 'content-type': r.type });
          res.end(r.text);
          return;
        } catch {
          // Passive health check: a replica that refuses or drops a connection is taken out.
          t.alive = false;
          log.push({
            path,
            target: t.name,
            status: 0,
            retry,
            duplicate: false,
            body: body.toString(),
            ms: Date.now() - from,
          });
          if (!isSlack) break;
        }
      }
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('no replica answered');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    log,
    close: async () => {
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      await agent.close();
    },
  };
}
