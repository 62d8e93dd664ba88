import { CommandError, closest } from './errors.js';
import type { Token } from './tokenize.js';
import type { Command } from './types.js';

/** The command a text invocation names and the words left for its options. */
export interface Lookup {
  command: Command;
  rest: Token[];
}

/**
 * Finds the longest command name the text starts with (`record start` before `record`). A group word
 * alone (`record`) or a typo gets one sentence naming what would work.
 */
export function lookupCommand(list: readonly Command[], tokens: readonly Token[]): Lookup {
  const words = tokens.map((t) => t.text.toLowerCase());
  for (const size of [2, 1]) {
    const name = words.slice(0, size).join(' ');
    const command = words.length >= size ? list.find((c) => c.name === name) : undefined;
    if (command && size === 1) typoOfSubcommand(list, command, tokens);
    if (command) return { command, rest: tokens.slice(size) };
  }
  const first = words[0] ?? '';
  const group = list.filter((c) => c.name.startsWith(`${first} `));
  if (group.length > 0) {
    const subs = group.map((c) => `\`${c.name.slice(first.length + 1)}\``);
    const second = words[1];
    const hint = second
      ? closest(
          second,
          group.map((c) => c.name.slice(first.length + 1)),
        )
      : null;
    const what = second ? `\`${first}\` has no \`${short(second)}\`` : `\`${first}\` needs a subcommand`;
    throw new CommandError(
      `${what}: use ${subs.join(' or ')}${hint ? ` (did you mean \`${first} ${hint}\`?)` : ''}.`,
      group[0]!.usage,
    );
  }
  const tops = [...new Set(list.map((c) => c.name.split(' ')[0]!))];
  const hint = closest(first, tops);
  const usage = hint ? list.find((c) => c.name === hint || c.name.startsWith(`${hint} `))?.usage : undefined;
  throw new CommandError(
    `There is no subcommand \`${short(first)}\`. ${hint ? `Did you mean \`${hint}\`?` : 'Try `/video help` for the list.'}`,
    usage,
  );
}

/**
 * `recordings delet`: a one-word command that takes no positional words, followed by a word close to
 * the second word of a longer command (`recordings delete`), is that command mistyped.
 */
function typoOfSubcommand(list: readonly Command[], command: Command, tokens: readonly Token[]): void {
  const next = tokens[1];
  if (!next || next.quoted || next.text.startsWith('-') || command.options.some((o) => o.positional)) return;
  const longer = list.filter((c) => c.name.startsWith(`${command.name} `));
  const hint = closest(
    next.text,
    longer.map((c) => c.name.slice(command.name.length + 1)),
  );
  const found = hint ? longer.find((c) => c.name === `${command.name} ${hint}`) : undefined;
  if (found)
    throw new CommandError(
      `There is no \`${command.name} ${short(next.text.toLowerCase())}\`. Did you mean \`${found.name}\`?`,
      found.usage,
    );
}

/** Finds a command by its exact name (typed invocations and card actions). */
export function commandByName(list: readonly Command[], name: string): Command | undefined {
  const n = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return list.find((c) => c.name === n);
}

function short(word: string): string {
  return word.length > 30 ? `${word.slice(0, 30)}…` : word;
}
