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
  async run(args) {
    // Loaded here, not at the top: the registry lists this command, so a static import would be a cycle.
    const { commands } = await import('./registry.js');
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
      const hint = closest(
        want,
        commands.map((c) => c.name),
      );
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
        : `--${o.name} ${o.arity === 2 ? 'URL KEY' : 'value'}`;
    const choices = o.choices ? ` (${o.choices.join(', ')})` : '';
    return `  \`${label}\` ${o.description}${choices}${o.type === 'string[]' ? ' (repeatable)' : ''}`;
  });
  const who = c.role === 'moderator' ? '\nNeeds the host or a moderator.' : '';
  return `**${c.summary}**\n\`${c.usage}\`${who}${opts.length ? `\n${opts.join('\n')}` : ''}`;
}
