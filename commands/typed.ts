import { CommandError, closest } from './errors.js';
import { mentionUserId, unwrapLink } from './tokenize.js';
import type { OptionSpec } from './types.js';

const TRUE = new Set(['true', 'yes', 'on', '1']);

/**
 * Brings typed options (Discord options, modal fields, button values) into the shape the text parser
 * produces, so one zod schema validates both: numbers from digit strings, booleans from checkbox
 * strings, single values into arrays, mentions into user IDs, choices case-insensitively. Empty
 * values count as not given.
 */
export function typedOptions(
  options: Record<string, unknown> | undefined,
  cmd: { name: string; usage: string; options: readonly OptionSpec[] },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(options ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    const key = rawKey.toLowerCase().replace(/_/g, '-');
    const spec = cmd.options.find((o) => o.name === key);
    if (!spec) {
      const hint = closest(
        key,
        cmd.options.map((o) => o.name),
      );
      throw new CommandError(
        `\`${cmd.name}\` has no option \`${key.slice(0, 40)}\`${hint ? `; did you mean \`${hint}\`?` : '.'}`,
        cmd.usage,
      );
    }
    out[key] = convert(spec, value);
  }
  return out;
}

function convert(spec: OptionSpec, value: unknown): unknown {
  switch (spec.type) {
    case 'integer':
      return typeof value === 'string' && /^\s*[+-]?\d{1,15}\s*$/.test(value) ? Number(value) : value;
    case 'boolean':
      return typeof value === 'string' ? TRUE.has(value.trim().toLowerCase()) : value;
    case 'string[]':
      if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v.trim() : v));
      return typeof value === 'string' && (spec.arity ?? 1) === 1 ? splitList(value) : [value];
    case 'user':
      return typeof value === 'string' ? (mentionUserId(value) ?? value.trim()) : value;
    default: {
      if (typeof value !== 'string') return value;
      const v = unwrapLink(value.trim());
      return spec.choices?.find((c) => c.toLowerCase() === v.toLowerCase()) ?? v;
    }
  }
}

/**
 * One typed string for a repeatable option (Discord has no repeated options): split on commas, and
 * a run of mentions (`<@1> <@2>`) into one entry per mention.
 */
function splitList(value: string): string[] {
  return value
    .split(',')
    .flatMap((part) =>
      /^\s*(<@!?\w+(\|[^>]*)?>\s*)+$/.test(part) ? (part.match(/<@!?\w+(\|[^>]*)?>/g) ?? []) : [part],
    )
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
