// Validating the time zone a person gives (`--tz` on Discord): IANA names only, because
// abbreviations and fixed offsets do not follow daylight saving. Common mistakes get a suggestion.

import { ScheduleError } from './errors.js';
import { isKnownZone } from './zone.js';

/** What people mean by the abbreviations they type, as the IANA zone to suggest. */
const ABBREVIATIONS: Record<string, string> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  ET: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  MT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  GMT: 'Europe/London',
  BST: 'Europe/London',
  WET: 'Europe/Lisbon',
  CET: 'Europe/Berlin',
  CEST: 'Europe/Berlin',
  MET: 'Europe/Berlin',
  MEZ: 'Europe/Berlin',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  MSK: 'Europe/Moscow',
  IST: 'Asia/Kolkata',
  PKT: 'Asia/Karachi',
  SGT: 'Asia/Singapore',
  HKT: 'Asia/Hong_Kong',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  ACST: 'Australia/Adelaide',
  AWST: 'Australia/Perth',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
  BRT: 'America/Sao_Paulo',
  ART: 'America/Argentina/Buenos_Aires',
};

// Current names that some ICU builds list only under their older spelling.
const MODERN_NAMES = ['Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh', 'Asia/Kathmandu', 'America/Nuuk'];

let known: string[] | undefined;

/** Every IANA Area/Location name this runtime knows, for suggestions. */
function knownZones(): string[] {
  known ??= [...new Set([...Intl.supportedValuesOf('timeZone'), ...MODERN_NAMES])].filter(
    (z) => z.includes('/') && isKnownZone(z),
  );
  return known;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

/** The closest known zone to a misspelt or city-only name, if one is close enough to offer. */
function closest(input: string): string | undefined {
  const wanted = input.toLowerCase().replace(/\s+/g, '_');
  const zones = knownZones();
  const city = zones.find((z) => z.toLowerCase().split('/').pop() === wanted);
  if (city) return city;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const z of zones) {
    const candidate = z.toLowerCase();
    const d = wanted.includes('/')
      ? distance(wanted, candidate)
      : distance(wanted, candidate.split('/').pop()!);
    if (d < bestDistance) {
      bestDistance = d;
      best = z;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(wanted.length / 4)) ? best : undefined;
}

function refuse(userMessage: string, suggestion?: string): never {
  throw new ScheduleError({ code: 'invalid_time_zone', userMessage, ...(suggestion ? { suggestion } : {}) });
}

/**
 * The IANA zone name for what a person typed (`Europe/Berlin`, `europe/berlin`, `UTC`), or a
 * ScheduleError with a suggestion: `EST` -> America/New_York, `Europe/Londn` -> Europe/London.
 */
export function resolveTimeZone(input: string): string {
  const text = input.trim();
  if (text === '' || text.length > 64) refuse('Give a time zone by its IANA name, such as Europe/Berlin.');
  const upper = text.toUpperCase();
  if (upper === 'UTC' || upper === 'ETC/UTC' || upper === 'Z') return 'UTC';
  const abbreviation = ABBREVIATIONS[upper];
  if (abbreviation) {
    refuse(
      `${text} is an abbreviation that does not follow daylight saving; use a city zone such as ${abbreviation}.`,
      abbreviation,
    );
  }
  if (/^(UTC|GMT)?\s*[+-]\d{1,2}(:?\d{2})?$/i.test(text)) {
    refuse(
      `${text} is a fixed offset that does not follow daylight saving; use your city's zone, such as America/New_York or Asia/Kolkata.`,
    );
  }
  if (text.includes('/') && isKnownZone(text)) {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
    if (canonical.toLowerCase() === text.toLowerCase()) return canonical;
    // An alias (Asia/Kolkata for Asia/Calcutta, US/Eastern): keep the person's name, cased as listed,
    // or as typed when they cased it; all-lower or all-upper text takes the canonical name.
    const listed = knownZones().find((z) => z.toLowerCase() === text.toLowerCase());
    const uncased = text === text.toLowerCase() || text === text.toUpperCase();
    return listed ?? (uncased ? canonical : text);
  }
  const suggestion = closest(text);
  refuse(
    suggestion
      ? `${text} is not a time zone I know; did you mean ${suggestion}?`
      : `${text} is not a time zone I know; use an IANA name such as Europe/Berlin or America/New_York.`,
    suggestion,
  );
}
