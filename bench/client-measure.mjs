// Measurement helpers for the client benchmark: time-bounded ops/s loops and count/time-bounded
// concurrent request runs with latency percentiles.
import { performance } from 'node:perf_hooks';

/** Runs `fn` in batches for about `ms` milliseconds after a warm-up; returns ops/s. */
export function opsPerSecond(fn, { ms = 700, batch = 100, warmup = 500 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  let n = 0;
  const start = performance.now();
  for (;;) {
    for (let i = 0; i < batch; i++) fn();
    n += batch;
    const now = performance.now();
    if (now - start >= ms) return n / ((now - start) / 1000);
  }
}

/** Best of `rounds` interleaved measurements for each named function (interleaving evens out noise). */
export function bestOf(fns, rounds = 3, opts = {}) {
  const best = Object.fromEntries(Object.keys(fns).map((k) => [k, 0]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of Object.entries(fns)) {
      const o = typeof opts === 'function' ? opts(name) : opts;
      best[name] = Math.max(best[name], opsPerSecond(f, o));
    }
  }
  return best;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Issues `total` calls of `call` with `concurrency` in flight, stopping early at `deadlineMs`.
 * Returns throughput (completed calls/s), p50/p99 latency in ms, completed and error counts.
 */
export async function load(call, { total, concurrency, deadlineMs = 60_000 }) {
  const lat = [];
  let next = 0;
  let errors = 0;
  let firstError;
  const t0 = performance.now();
  const deadline = t0 + deadlineMs;
  async function worker() {
    while (next < total && performance.now() < deadline) {
      next++;
      const s = performance.now();
      try {
        await call();
      } catch (e) {
        errors++;
        firstError ??= e;
      }
      lat.push(performance.now() - s);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return {
    opsPerSec: lat.length / elapsed,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    completed: lat.length,
    errors,
    firstError: firstError ? String(firstError.message ?? firstError).slice(0, 120) : undefined,
    timedOut: lat.length < total,
  };
}
