import { SignJWT } from 'jose';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Emulator } from '../../src/emulator/index.js';

// Test-side helpers: a real local callback receiver, REST calls signed the way the SDK signs them
// (minted here with jose, independent of src/video/), and the official opentok package.

/** One request a receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

/** A local HTTP server that records callback POSTs and answers with `status()`. */
export interface Receiver {
  url: string;
  received: Received[];
  status: () => number;
  close(): Promise<void>;
}

/** Starts a callback receiver on an ephemeral port. */
export async function startReceiver(status: () => number = () => 204): Promise<Receiver> {
  const received: Received[] = [];
  const rec: Receiver = { url: '', received, status, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const code = rec.status();
      if (code >= 200 && code < 300)
        received.push({ headers: req.headers, raw, body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(code).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  rec.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  rec.close = () => new Promise<void>((r) => server.close(() => r()));
  return rec;
}

/** Mints an X-OPENTOK-AUTH JWT like opentok-node does. */
export async function projectJwt(
  apiKey: string,
  apiSecret: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: apiKey, ist: 'project', iat: now, exp: now + 300, ...overrides })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(apiSecret));
}

/** A parsed JSON reply; tests assert its shape with expect(), so it is deliberately loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A JSON REST call against the emulator with OpenTok project auth; returns status and parsed body. */
export async function rest(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const all: Record<string, string> = {};
  if (headers['x-opentok-auth'] === undefined && headers.authorization === undefined)
    all['x-opentok-auth'] = await projectJwt(emu.apiKey, emu.apiSecret);
  if (body !== undefined) all['content-type'] = 'application/json';
  const res = await fetch(`${emu.url}${path.replace('{P}', `/v2/project/${emu.apiKey}`)}`, {
    method,
    headers: { ...all, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Creates a session over REST (form body like the SDK) and returns its ID. */
export async function createSession(
  emu: Emulator,
  form = 'archiveMode=manual&p2p.preference=disabled',
): Promise<string> {
  const res = await fetch(`${emu.url}/session/create`, {
    method: 'POST',
    headers: {
      'x-opentok-auth': await projectJwt(emu.apiKey, emu.apiSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form,
  });
  const body = (await res.json()) as Array<{ session_id: string }>;
  return body[0]!.session_id;
}

/** A minimal typing of the official opentok package's callback API. */
export interface OpenTokSdk {
  createSession(opts: object, cb: (err: Error | null, session?: { sessionId: string }) => void): void;
  generateToken(sessionId: string, opts?: object, t1?: boolean): string;
  [method: string]: Json;
}

/** The official SDK pointed at the emulator. */
export function officialSdk(emu: Emulator): OpenTokSdk {
  const OpenTok = createRequire(import.meta.url)('opentok') as new (
    k: string,
    s: string,
    u: string,
  ) => OpenTokSdk;
  return new OpenTok(emu.apiKey, emu.apiSecret, emu.url);
}

/** Calls an SDK method with a node-style callback as a promise (first error argument wins). */
export function call<T = unknown>(sdk: OpenTokSdk, method: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    (sdk[method] as (...a: unknown[]) => void).apply(sdk, [
      ...args,
      (err: Error | null, value: T) => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve(value);
      },
    ]);
  });
}

/** Waits until `check()` is truthy (polling; tests never assert timings). */
export async function until<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error('Timed out waiting for a condition.');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Creates a routed session and connects one publishing client; returns the IDs. */
export async function meeting(
  emu: Emulator,
  form?: string,
): Promise<{ sessionId: string; connectionId: string; streamId: string }> {
  const sessionId = await createSession(emu, form);
  const { connectionId } = await emu.connect(
    sessionId,
    officialSdk(emu).generateToken(sessionId, { data: 'name=Ada' }),
  );
  const { streamId } = await emu.publish(connectionId, { name: 'Ada' });
  return { sessionId, connectionId, streamId };
}
