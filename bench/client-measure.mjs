// Measurement helpers for the client benchmark: interleaved ops/s batches and count/time-bounded
// concurrent request runs with latency percentiles.
import { performance } from 'node:perf_hooks';

/**
 * Interleaves short timed batches of every function (rotating the order) and returns ops/s from each
 * one's median batch: on a shared machine, load drifts during a run, and per-batch interleaving puts
 * every contender under the same drift instead of giving one of them a quiet or a busy stretch.
 */
export function interleavedOps(fns, { batches = 300, batch = () => 50, warmup = 200 } = {}) {
  const entries = Object.entries(fns);
  for (const [name, f] of entries) for (let i = 0; i < Math.min(warmup, batch(name) * 10); i++) f();
  const samples = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let b = 0; b < batches; b++) {
    for (let k = 0; k < entries.length; k++) {
      const [name, f] = entries[(b + k) % entries.length];
      const n = batch(name);
      const t = process.hrtime.bigint();
      for (let i = 0; i < n; i++) f();
      samples[name].push(Number(process.hrtime.bigint() - t) / n);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, ns]) => {
      ns.sort((a, b) => a - b);
      return [name, 1e9 / ns[Math.floor(ns.length / 2)]];
    }),
  );
}

/** The p-th percentile of an ascending array. */
export function percentile(sorted, p) {
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
  const cpu0 = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  return {
    opsPerSec: lat.length / elapsed,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    completed: lat.length,
    errors,
    firstError: firstError ? String(firstError.message ?? firstError).slice(0, 120) : undefined,
    timedOut: lat.length < total,
    latencies: lat,
    elapsed,
    /** Client-process CPU time (user + system) in microseconds. */
    cpuUs: cpu.user + cpu.system,
  };
}
