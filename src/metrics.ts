import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// One registry for the process, exported so any module can count what it does and GET /metrics
// shows it. Labels are low-cardinality on purpose: never IDs, never user input.

/** The process-wide Prometheus registry served at GET /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Commands run through the core, by subcommand name and outcome (ok, denied, invalid, failed). */
export const commandsTotal = new Counter({
  name: 'chatops_commands_total',
  help: 'Commands handled by the command core, by name and outcome.',
  labelNames: ['name', 'outcome'] as const,
  registers: [registry],
});

/** Video API calls by SDK method name and HTTP status (or error code when no response came). */
export const videoCallsTotal = new Counter({
  name: 'chatops_video_api_calls_total',
  help: 'Vonage Video API calls, by method and HTTP status.',
  labelNames: ['method', 'status'] as const,
  registers: [registry],
});

/** Video API call latency in seconds, by method. */
export const videoCallSeconds = new Histogram({
  name: 'chatops_video_api_call_seconds',
  help: 'Vonage Video API call latency, by method.',
  labelNames: ['method'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** Callbacks received, by type (session, archive, broadcast, render, sip) and outcome. */
export const callbacksTotal = new Counter({
  name: 'chatops_callbacks_total',
  help: 'Vonage callbacks received, by type and outcome (applied, duplicate, stale, unknown_session, rejected, invalid).',
  labelNames: ['type', 'outcome'] as const,
  registers: [registry],
});

/** Delay between a callback's event timestamp and its arrival, in seconds. */
export const callbackLagSeconds = new Histogram({
  name: 'chatops_callback_lag_seconds',
  help: 'Delay between the event timestamp in a Vonage callback and its arrival.',
  labelNames: ['type'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800, 3600, 86400],
  registers: [registry],
});

/** Card edits by platform and outcome (ok, rate_limited, failed). */
export const cardEditsTotal = new Counter({
  name: 'chatops_card_edits_total',
  help: 'Meeting card edits, by platform and outcome.',
  labelNames: ['platform', 'outcome'] as const,
  registers: [registry],
});

/** Times a chat platform asked us to wait (429 Retry-After), by platform. */
export const rateLimitWaitsTotal = new Counter({
  name: 'chatops_rate_limit_waits_total',
  help: 'Times a chat platform answered 429 and we waited, by platform.',
  labelNames: ['platform'] as const,
  registers: [registry],
});

/** Total time spent waiting out platform rate limits, in seconds, by platform. */
export const rateLimitWaitSeconds = new Counter({
  name: 'chatops_rate_limit_wait_seconds_total',
  help: 'Seconds of Retry-After waits requested by chat platforms, by platform.',
  labelNames: ['platform'] as const,
  registers: [registry],
});

/** Reconciliation passes and the repairs they made. */
export const reconcileRepairsTotal = new Counter({
  name: 'chatops_reconcile_repairs_total',
  help: 'State repaired by the periodic reconciliation, by kind (stream, recording, broadcast).',
  labelNames: ['kind'] as const,
  registers: [registry],
});

/** HTTP requests served, by route pattern and status class. */
export const httpRequestsTotal = new Counter({
  name: 'chatops_http_requests_total',
  help: 'HTTP requests served, by route pattern and status.',
  labelNames: ['route', 'status'] as const,
  registers: [registry],
});

/**
 * Wraps a Video API client so every asynchronous call is counted by method and status and timed;
 * synchronous helpers (generateToken) pass through untouched.
 */
export function instrumentVideo<T extends object>(api: T): T {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        const started = performance.now();
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (ok: unknown) => {
            videoCallsTotal.inc({ method: prop, status: 'ok' });
            videoCallSeconds.observe({ method: prop }, (performance.now() - started) / 1000);
            return ok;
          },
          (err: unknown) => {
            const e = err as { status?: number; code?: string };
            videoCallsTotal.inc({ method: prop, status: e.status ? String(e.status) : (e.code ?? 'error') });
            videoCallSeconds.observe({ method: prop }, (performance.now() - started) / 1000);
            throw err;
          },
        );
      };
    },
  });
}
