import type { VideoApi } from '../video/api.js';

/** A named dependency check: resolves when healthy, rejects (or times out) when not. */
export type HealthCheck = () => Promise<void>;

/** Runs `check` with a deadline so a hung dependency makes /healthz answer 503, not hang. */
export async function withTimeout(check: HealthCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A cheap Video API reachability check (list one archive), cached for `cacheMs` so a busy health
 * prober does not turn into Video API traffic. Any answer from the API, even an error status other
 * than auth, would mean "reachable", but a credential problem is worth reporting as unhealthy.
 */
export function videoReachability(
  video: Pick<VideoApi, 'listArchives'>,
  timeoutMs = 2000,
  cacheMs = 10_000,
  now: () => number = Date.now,
): HealthCheck {
  let last: { at: number; error: Error | null } | null = null;
  return async () => {
    if (!last || now() - last.at >= cacheMs) {
      let error: Error | null = null;
      try {
        await video.listArchives({ count: 1 }, { timeoutMs });
      } catch (err) {
        const code = (err as { code?: string }).code;
        error =
          code === 'not_found' || code === 'invalid'
            ? null
            : new Error(code ? `Video API: ${code}` : 'Video API unreachable');
      }
      last = { at: now(), error };
    }
    if (last.error) throw last.error;
  };
}
