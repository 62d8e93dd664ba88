import { CommandError } from './errors.js';
import { commandByName, lookupCommand } from './lookup.js';
import { parseOptions } from './parse.js';
import type { Ask, FormFields } from './request.js';
import { tokenize } from './tokenize.js';
import { typedOptions } from './typed.js';
import type { Command } from './types.js';

/** A request's command and its named arguments before validation, plus the card's meeting key. */
export interface Resolved {
  command: Command;
  raw: Record<string, unknown>;
  meetingKey?: string;
}

/**
 * Names the command a request asks for and maps its arguments onto the command's options: text is
 * tokenized and parsed, typed options are converted, and a card control's action names the command
 * (`record.start` -> `record start`; `mute.all` -> `mute` with `all` as its first positional), its
 * value fills the next positional and form fields fill options by ID. Throws {@link CommandError}.
 */
export function resolveAsk(ask: Ask, list: readonly Command[]): Resolved {
  if (ask.kind === 'text') {
    const tokens = tokenize(ask.text);
    if (tokens.length === 0) return { command: commandByName(list, 'help')!, raw: {} };
    const { command, rest } = lookupCommand(list, tokens);
    return { command, raw: parseOptions(rest, command) };
  }
  if (ask.kind === 'command') {
    const command = commandByName(list, ask.command);
    if (!command) return { ...lookupCommand(list, tokenize(ask.command)), raw: {} };
    return { command, raw: typedOptions(ask.options, command) };
  }
  const { command, options } = actionOptions(ask, list);
  return { command, raw: typedOptions(options, command), meetingKey: ask.key };
}

/** The command a card action runs, or undefined when no command has that name. */
export function commandOfAction(action: string, list: readonly Command[]): Command | undefined {
  return actionWords(action, list)?.command;
}

function actionWords(action: string, list: readonly Command[]) {
  const words = action
    .toLowerCase()
    .split(/[.\s]+/)
    .filter(Boolean);
  for (let n = Math.min(words.length, 2); n > 0; n--) {
    const command = list.find((c) => c.name === words.slice(0, n).join(' '));
    if (command) return { command, rest: words.slice(n) };
  }
  return undefined;
}

/**
 * A card action's typed options. Paired `<opt>_url` + `<opt>_key` fields fill a two-value option
 * (`rtmp`), so a secret field never has to be typed next to its URL.
 */
function actionOptions(
  ask: Extract<Ask, { kind: 'action' }>,
  list: readonly Command[],
): { command: Command; options: Record<string, unknown> } {
  const found = actionWords(ask.action, list);
  if (!found)
    throw new CommandError('That button is no longer supported; run the command with `/video` instead.');
  const { command, rest } = found;
  const options: Record<string, unknown> = {};
  const values = [...rest, ...(ask.value !== undefined && ask.value !== '' ? [ask.value] : [])];
  const positionals = command.options.filter((o) => o.positional);
  values.forEach((v, i) => {
    const spec = positionals[Math.min(i, positionals.length - 1)];
    if (!spec) return;
    // Extra values join a `rest` positional; for any other command they are ignored, not misplaced.
    if (i < positionals.length) options[spec.name] = v;
    else if (spec.rest) options[spec.name] = `${String(options[spec.name])} ${v}`;
  });
  const fields = ask.fields ?? {};
  for (const [id, value] of Object.entries(fields)) {
    const pair = /^(.+)_(url|key)$/.exec(id);
    const spec = pair ? command.options.find((o) => o.name === pair[1] && (o.arity ?? 1) === 2) : undefined;
    if (spec && pair) {
      if (pair[2] === 'url') pairField(options, spec.name, value, fields);
    } else if (value !== undefined) {
      options[id] = value;
    }
  }
  return { command, options };
}

function pairField(
  options: Record<string, unknown>,
  name: string,
  value: string | boolean | undefined,
  fields: FormFields,
): void {
  const url = typeof value === 'string' ? value.trim() : '';
  const key = fields[`${name}_key`];
  const keyText = typeof key === 'string' ? key.trim() : '';
  if (!url && !keyText) return;
  if (!url || !keyText)
    throw new CommandError(
      'Give both the RTMP server URL and the stream key, or neither.',
      undefined,
      'error',
      `${name}_url`,
    );
  options[name] = [`${url} ${keyText}`];
}
