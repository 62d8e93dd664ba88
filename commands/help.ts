import { z } from 'zod';
import { CommandError, closest } from './errors.js';
import type { Command } from './types.js';

const schema = z.object({ subcommand: z.string().trim().max(60, { error: 'is too long' }).optional() });

/** `help [subcommand]`: the list of subcommands, or one subcommand's usage and options. */
export const help: Command<typeof schema> = {
  name: 'help',
  summary: 'List the subcommands, or explain one',
  usage: '/video help [subcommand]',
  options: [
    {
      name: 'subcommand',
      type: 'string',
      description: 'A subcommand to explain, e.g. `record start`',
      positional: true,
      rest: true,
    },
  ],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, _inv, ctx) {
    // The list comes with the context: the registry lists this command, so importing it would be a cycle.
    const { commands } = ctx;
    if (!args.subcommand) {
      const lines = commands.map(
        (c) => `\`${c.name}\` — ${c.summary}${c.role === 'moderator' ? ' (host or moderator)' : ''}`,
      );
      return {
        visibility: 'ephemeral',
        title: 'Video meetings: /video <subcommand>',
        blocks: [
          { type: 'text', text: lines.join('\n') },
          {
            type: 'context',
            text: '`/video help <subcommand>` explains one; `<who>` is a mention, a display name or a connection ID.',
          },
        ],
      };
    }
    const want = args.subcommand.toLowerCase().replace(/\s+/g, ' ');
    const matches = commands.filter((c) => c.name === want || c.name.startsWith(`${want} `));
    if (matches.length === 0) {
      // Group words too (`record`), so `help recrod` finds something.
      const names = [...new Set(commands.flatMap((c) => [c.name, c.name.split(' ')[0]!]))];
      const hint = closest(want, names);
      throw new CommandError(
        `There is no subcommand \`${want}\`.${hint ? ` Did you mean \`${hint}\`?` : ''}`,
        '/video help [subcommand]',
      );
    }
    return {
      visibility: 'ephemeral',
      title: `/video ${want}`,
      blocks: matches.map((c) => ({ type: 'text' as const, text: describe(c) })),
    };
  },
};

function describe(c: Command): string {
  const opts = c.options.map((o) => {
    const label = o.positional
      ? `<${o.name}>`
      : o.type === 'boolean'
        ? `--${o.name}`
        : `--${o.name} ${placeholder(c.usage, o.name, o.arity ?? 1)}`;
    const choices = o.choices ? ` (${o.choices.join(', ')})` : '';
    const repeat = o.type === 'string[]' && !/repeatable/i.test(o.description) ? ' (repeatable)' : '';
    return `  \`${label}\` ${o.description}${choices}${repeat}`;
  });
  const who = c.role === 'moderator' ? '\nNeeds the host or a moderator.' : '';
  return `**${c.summary}**\n\`${c.usage}\`${who}${opts.length ? `\n${opts.join('\n')}` : ''}`;
}

/**
 * The words the usage line writes after `--name` (`--rtmp URL KEY`, `--except who`), so the option
 * lines use the same placeholders as the usage; `value` when the usage does not show the flag.
 */
export function placeholder(usage: string, name: string, arity: number): string {
  const words = usage.split(/\s+/);
  const at = words.findIndex((w) => w.replace(/^\[+/, '').replace(/[\]|.]+$/, '') === `--${name}`);
  const after = at < 0 ? [] : words.slice(at + 1, at + 1 + arity);
  const clean = after.map((w) => w.replace(/[[\]]|\.\.\.$/g, '').replace(/\]+$/, ''));
  const ok = clean.length === arity && clean.every((w) => /^[<\w][\w<>-]*$/.test(w) && !w.startsWith('--'));
  // A flag at the end of its bracket (`[--hls]`) has no value words after it.
  const closed = at >= 0 && /\]$/.test(words[at]!);
  return ok && !closed ? clean.join(' ') : 'value';
}
