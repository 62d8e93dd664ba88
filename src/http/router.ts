import type { IncomingMessage, ServerResponse } from 'node:http';

/** Path parameters captured by a route pattern such as `/join/:ticket`. */
export type Params = Record<string, string>;
/** A route handler; thrown errors become JSON error responses. */
export type Handler = (req: IncomingMessage, res: ServerResponse, params: Params) => Promise<void> | void;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** The outcome of matching a request: a handler, a known path with other methods, or nothing. */
export type Match =
  | { kind: 'found'; handler: Handler; params: Params; pattern: string }
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' };

/** A tiny method + path router: literal segments and `:name` parameters, nothing else. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): void {
    if (!pattern.startsWith('/')) throw new Error(`Route pattern must start with "/": ${pattern}`);
    const method_ = method.toUpperCase();
    const segments = split(pattern);
    if (this.routes.some((r) => r.method === method_ && r.segments.join('/') === segments.join('/'))) {
      throw new Error(`Route ${method_} ${pattern} is already registered.`);
    }
    this.routes.push({ method: method_, segments, handler });
  }

  match(method: string, path: string): Match {
    const parts = split(path);
    const allow = new Set<string>();
    let best: { route: Route; params: Params; literals: number } | null = null;
    for (const r of this.routes) {
      const params = matchSegments(r.segments, parts);
      if (!params) continue;
      if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) {
        allow.add(r.method);
        continue;
      }
      // A literal segment beats a parameter: /join/assets/x is not /join/:ticket/:op.
      const literals = r.segments.filter((s) => !s.startsWith(':')).length;
      if (!best || literals > best.literals) best = { route: r, params, literals };
    }
    if (best)
      return {
        kind: 'found',
        handler: best.route.handler,
        params: best.params,
        pattern: '/' + best.route.segments.join('/'),
      };
    return allow.size ? { kind: 'method', allow: [...allow].sort() } : { kind: 'none' };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Params | null {
  if (pattern.length !== parts.length) return null;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith(':')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(v);
      } catch {
        return null;
      }
      params[p.slice(1)] = decoded;
    } else if (p !== v) return null;
  }
  return params;
}
