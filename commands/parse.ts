import { CommandError, closest } from './errors.js';
import { mentionUserId, unwrapLink, type Token } from './tokenize.js';
import type { OptionSpec } from './types.js';

export { MAX_INPUT, mentionUserId, tokenize, type Token } from './tokenize.js';

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

/** What the parser needs to know about a command. */
interface Target {
  name: string;
  usage: string;
  options: readonly OptionSpec[];
}

/**
 * Maps the words after a subcommand onto its options: `--flag value`, `--flag=value`, boolean flags,
 * repeated flags into arrays, multi-value flags (`--rtmp URL KEY`), then positionals in declaration
 * order (the last `rest` one takes the remaining words). Values stay raw; zod validates them next.
 */
export function parseOptions(tokens: readonly Token[], cmd: Target): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const loose: string[] = [];
  const fail = (msg: string): never => {
    throw new CommandError(msg, cmd.usage);
  };
  let onlyPositional = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (!onlyPositional && !tok.quoted) probableOption(tok.text, cmd, fail);
    if (onlyPositional || tok.quoted || !tok.text.startsWith('--')) {
      loose.push(unwrapLink(tok.text));
      continue;
    }
    if (tok.text === '--') {
      onlyPositional = true;
      continue;
    }
    const eq = tok.text.indexOf('=');
    const name = tok.text.slice(2, eq < 0 ? undefined : eq).toLowerCase();
    const spec = cmd.options.find((o) => o.name === name);
    if (!spec) {
      const hint = closest(
        name,
        cmd.options.map((o) => o.name),
      );
      const flag = name.length > 40 ? `${name.slice(0, 40)}…` : name;
      // `mute --all`: a word of the usage written as a flag.
      const word = !hint && usageWords(cmd).has(name) ? `${cmd.name} ${name}` : null;
      fail(
        `\`${cmd.name}\` has no option \`--${flag}\`${hint ? `; did you mean \`--${hint}\`?` : word ? `; did you mean \`${word}\` (no dashes)?` : '.'}`,
      );
      return out;
    }
    if (spec.type === 'boolean') {
      const v = eq < 0 ? 'true' : tok.text.slice(eq + 1).toLowerCase();
      if (!TRUE.has(v) && !FALSE.has(v))
        fail(`\`--${name}\` is a switch: write \`--${name}\` or \`--${name}=false\`.`);
      out[name] = TRUE.has(v);
      continue;
    }
    const values: string[] = eq < 0 ? [] : [unwrapLink(tok.text.slice(eq + 1))];
    const arity = spec.arity ?? 1;
    while (values.length < arity) {
      const next = tokens[i + 1];
      if (!next || (!next.quoted && next.text.startsWith('--'))) {
        const what = spec.values ?? (arity === 1 ? 'a value' : `${arity} values`);
        fail(
          `\`--${name}\` needs ${what}${spec.choices ? ` (one of ${spec.choices.map((c) => `\`${c}\``).join(', ')})` : ''}.`,
        );
      }
      values.push(unwrapLink(tokens[++i]!.text));
    }
    const value = convert(spec, values.join(' '));
    if (spec.type === 'string[]') {
      // `--except Eve,Nobody` is two people, as in a form field; a two-value flag is one entry.
      const entries =
        arity === 1
          ? String(value)
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean)
          : [value];
      out[name] = [...((out[name] as unknown[] | undefined) ?? []), ...entries];
    } else if (name in out) {
      fail(`\`--${name}\` is given more than once.`);
    } else {
      out[name] = value;
    }
  }
  assignPositionals(loose, cmd, out, fail);
  return out;
}

/**
 * Refuses a word that is most likely a mistyped option rather than text: one dash (`-relayed`) or a
 * dash that autocorrect made long (`—relayed`, `–relayed`) before a letter. Quote it to mean the text.
 */
function probableOption(text: string, cmd: Target, fail: (m: string) => never): void {
  const m = /^(?:-(?!-)|[—–]-?)([a-z][\w-]*)(=.*)?$/i.exec(text);
  if (!m) return;
  const name = m[1]!.toLowerCase();
  const known = cmd.options.find((o) => !o.positional && o.name === name)?.name;
  const hint =
    known ??
    closest(
      name,
      cmd.options.filter((o) => !o.positional).map((o) => o.name),
    );
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  fail(
    hint
      ? `\`${shown}\` looks like an option: write \`--${hint}\` (two dashes), or quote it to mean the text.`
      : `\`${shown}\` looks like an option, and \`${cmd.name}\` has none by that name; quote it to mean the text.`,
  );
}

/** The plain words of a usage line (`mute all [--except who]... | mute off` -> mute, all, off, ...). */
function usageWords(cmd: Target): Set<string> {
  return new Set(
    cmd.usage
      .toLowerCase()
      .split(/[\s|]+/)
      .filter((w) => /^[a-z][a-z-]*$/.test(w)),
  );
}

function assignPositionals(
  loose: string[],
  cmd: Target,
  out: Record<string, unknown>,
  fail: (m: string) => never,
): void {
  const free = cmd.options.filter((o) => o.positional && !(o.name in out));
  let i = 0;
  for (const spec of free) {
    if (i >= loose.length) break;
    if (spec.rest) {
      out[spec.name] = convert(spec, loose.slice(i).join(' '));
      i = loose.length;
    } else {
      out[spec.name] = convert(spec, loose[i++]!);
    }
  }
  if (i < loose.length) {
    const extra = loose[i]!.length > 40 ? `${loose[i]!.slice(0, 40)}…` : loose[i]!;
    fail(
      `Unexpected \`${extra}\`: \`${cmd.name}\` takes no more arguments${extra.includes(' ') ? '' : ' (quote text that has spaces)'}.`,
    );
  }
}

/** Typed conversion that zod then checks: whole numbers, mentions to user IDs, choices case-insensitively. */
function convert(spec: OptionSpec, raw: string): unknown {
  if (spec.type === 'integer') return /^[+-]?\d{1,15}$/.test(raw) ? Number(raw) : raw;
  if (spec.type === 'user') return mentionUserId(raw) ?? raw;
  if (spec.choices) return spec.choices.find((c) => c.toLowerCase() === raw.toLowerCase()) ?? raw;
  return raw;
}
