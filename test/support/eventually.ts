/** Polls `check` (async) until it returns something truthy; tests never assert timings. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/**
 * Waits until `done()` holds or the deadline passes, without throwing: the assertions that follow
 * say what was wrong. A deadline, not a count of ticks, so a loaded CI host only waits longer.
 */
export async function settle(done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}
