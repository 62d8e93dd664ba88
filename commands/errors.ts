import type { z } from 'zod';
import type { OptionSpec } from './types.js';

/**
 * A problem the person can fix (bad input, nothing to act on, not allowed): `message` is one sentence
 * for people, `usage` the usage line to show with it, `field` the form field it is about (when a
 * form can point at one). Never carries a secret.
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    message: string,
    readonly usage?: string,
    readonly level: 'error' | 'warning' = 'error',
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Edit distance counting a swap of neighbours as one edit (typos like `strat`), for short names. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate within a distance that still looks like a typo, or null. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== null && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}

/** How an option is written in a sentence: `<name>` for positionals, `--name` for flags. */
export function optionLabel(spec: OptionSpec | undefined, key: string): string {
  return spec?.positional ? `<${key}>` : `--${key}`;
}

/**
 * The one place zod issues become a sentence for people. Uses the schema's message when it wrote one,
 * and never repeats the input value (it may be a stream key).
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  options: readonly OptionSpec[],
  raw: Record<string, unknown> = {},
): string {
  const first = issues[0];
  if (!first) return 'The arguments are not valid.';
  const key = typeof first.path[0] === 'string' ? first.path[0] : '';
  const spec = options.find((o) => o.name === key);
  const label = key ? optionLabel(spec, key) : 'The arguments';
  const custom =
    first.message &&
    !first.message.startsWith('Invalid') &&
    !first.message.startsWith('Too ') &&
    !first.message.startsWith('Unrecognized');
  const missing =
    key !== '' && raw[key] === undefined && (first.code === 'invalid_type' || first.code === 'invalid_value');
  switch (true) {
    case missing && !first.message.startsWith('is required'):
      return `\`${label}\` is required.`;
    case custom:
      return sentence(key && /^[a-z]/.test(first.message) ? `\`${label}\` ${first.message}` : first.message);
    case first.code === 'invalid_value':
      return `\`${label}\` must be one of ${(spec?.choices ?? []).map((c) => `\`${c}\``).join(', ')}.`;
    case first.code === 'invalid_type':
      return `\`${label}\` must be ${first.expected === 'number' ? 'a number' : `a ${first.expected}`}.`;
    case first.code === 'too_big':
      return `\`${label}\` is too long or too large (at most ${String(first.maximum)}).`;
    case first.code === 'too_small':
      return `\`${label}\` is too short or too small (at least ${String(first.minimum)}).`;
    case first.code === 'unrecognized_keys':
      return `Unknown option \`--${first.keys[0] ?? ''}\`.`;
    default:
      return `\`${label}\` is not valid.`;
  }
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
