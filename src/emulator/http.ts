import type { IncomingMessage, ServerResponse } from 'node:http';

// Minimal HTTP plumbing: a regex router and body parsing. node:http directly (no framework) keeps
// the emulator fast enough never to be the bottleneck of a benchmark.

/** An error that becomes an HTTP answer `{code, message}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a route handler gets. */
export interface RouteContext {
  method: string;
  path: string;
  params: string[];
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (or form fields as an object for form bodies); undefined when empty. */
  body: unknown;
  /** Aborted when the client goes away (long polls stop waiting). */
  signal?: AbortSignal;
}

/** What a route handler returns: a status and a JSON body (undefined = no body). */
export interface RouteResult {
  status: number;
  body?: unknown;
  /** Content type of a Buffer body (JSON bodies are always application/json). */
  contentType?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** A route handler. */
export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** Routes `METHOD /path/:param` patterns to handlers. */
export class Router {
  private readonly routes: Route[] = [];

  /** Adds a route; `:name` segments match one path segment and are passed positionally. */
  add(method: string, path: string, handler: Handler): this {
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '([^/]+)');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), handler });
    return this;
  }

  /** Finds the handler for a request; a known path with another method yields 405. */
  match(method: string, path: string): { handler: Handler; params: string[] } {
    let pathKnown = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      return { handler: route.handler, params: m.slice(1).map((p) => safeDecode(p)) };
    }
    throw pathKnown
      ? new HttpError(405, `Method ${method} is not allowed on this resource.`)
      : new HttpError(404, 'Resource not found.');
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'The URL contains an invalid percent-encoding.');
  }
}

const MAX_BODY = 1_000_000;

/** Reads and parses a JSON or form body; empty bodies give undefined. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  // Most GET/DELETE calls carry no body: skip the stream machinery entirely (hot path in benchmarks).
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)
    return undefined;
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () =>
      size > MAX_BODY
        ? reject(new HttpError(413, 'The request body is larger than 1 MB.'))
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
  if (text === '') return undefined;
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** Writes a JSON answer (or an empty one for undefined bodies). */
export function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  contentType = 'application/octet-stream',
  headers: Record<string, string> = {},
): void {
  if (Buffer.isBuffer(body)) {
    res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': body.length });
    res.end(body);
    return;
  }
  if (body === undefined) {
    res.writeHead(status, { 'content-length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
