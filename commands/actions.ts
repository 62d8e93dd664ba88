import { CommandError } from './errors.js';
import type { ActionRequest, Command, Invocation } from './types.js';

/**
 * Maps a card click onto a typed invocation: the action's words name the command (`record.start` ->
 * `record start`; `mute.all` -> `mute` with `all` as its first positional), the click's value fills the
 * next positional, and modal fields fill options by id. Paired `<opt>_url` + `<opt>_key` fields fill a
 * two-value option (`rtmp`), so a secret field never has to be typed next to its URL.
 */
export function actionToInvocation(req: ActionRequest, list: readonly Command[]): Invocation {
  const words = req.action
    .toLowerCase()
    .split(/[.\s]+/)
    .filter(Boolean);
  let command: Command | undefined;
  let used = 0;
  for (let n = Math.min(words.length, 2); n > 0 && !command; n--) {
    command = list.find((c) => c.name === words.slice(0, n).join(' '));
    used = n;
  }
  if (!command)
    throw new CommandError('That button is no longer supported; run the command with `/video` instead.');
  const options: Record<string, unknown> = {};
  const values = [...words.slice(used), ...(req.value !== undefined && req.value !== '' ? [req.value] : [])];
  const positionals = command.options.filter((o) => o.positional);
  values.forEach((v, i) => {
    const spec = positionals[Math.min(i, positionals.length - 1)];
    if (!spec) return;
    // Extra values join a `rest` positional; for any other command they are ignored, not misplaced.
    if (i < positionals.length) options[spec.name] = v;
    else if (spec.rest) options[spec.name] = `${String(options[spec.name])} ${v}`;
  });
  for (const [id, value] of Object.entries(req.fields ?? {})) {
    const pair = /^(.+)_(url|key)$/.exec(id);
    const spec = pair ? command.options.find((o) => o.name === pair[1] && (o.arity ?? 1) === 2) : undefined;
    if (spec && pair) {
      pairField(options, spec.name, pair[2] as 'url' | 'key', value, req.fields ?? {});
    } else if (value !== undefined) {
      options[id] = value;
    }
  }
  return {
    actor: req.actor,
    place: req.place,
    command: command.name,
    options,
    meetingKey: req.key,
    ...(req.idempotencyKey ? { idempotencyKey: req.idempotencyKey } : {}),
    source: req.source,
  };
}

function pairField(
  options: Record<string, unknown>,
  name: string,
  part: 'url' | 'key',
  value: string | boolean | undefined,
  fields: Record<string, string | boolean | undefined>,
): void {
  if (part === 'key') return; // handled together with its URL
  const url = typeof value === 'string' ? value.trim() : '';
  const key = fields[`${name}_key`];
  const keyText = typeof key === 'string' ? key.trim() : '';
  if (!url && !keyText) return;
  if (!url || !keyText)
    throw new CommandError('Give both the RTMP server URL and the stream key, or neither.');
  options[name] = [`${url} ${keyText}`];
}
