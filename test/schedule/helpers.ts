// Shared test helpers: instants written as wall time plus a hand-written UTC offset, so expected
// values do not come from the code under test.

/** The instant of `2026-06-10 09:15` at a given UTC offset like `-04:00`. */
export function instant(wall: string, offset: string): number {
  return Date.parse(`${wall.replace(' ', 'T')}:00${offset}`);
}

/** ISO 8601 in UTC, for readable failures. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
