import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandInfo, OptionSpec } from '../../commands/front-door.js';

// `/video` as Discord sees it, generated from the command registry: one-word commands become
// subcommands, two-word ones (`record start`) a subcommand in a group. A one-word command that
// also names a group (`recordings` next to `recordings delete`) becomes `<group> list`, because
// Discord cannot have a subcommand and a group with the same name (`<group> new` when the group has
// a `list` of its own: `schedule` next to `schedule list`).

/** The root command's name. */
export const ROOT = 'video';
/** Subcommand name used for a one-word command whose name is also a group. */
export const SELF_SUBCOMMAND = 'list';
/** Subcommand name used instead when the group already has a `list`. */
export const SELF_FALLBACK = 'new';

type Body = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Opt = NonNullable<Body['options']>[number];

const cut = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');
const describe = (s: string) => cut(s.replace(/`/g, '').trim() || 'No description', 100);

const TYPE: Record<
  OptionSpec['type'],
  | ApplicationCommandOptionType.String
  | ApplicationCommandOptionType.Integer
  | ApplicationCommandOptionType.Boolean
  | ApplicationCommandOptionType.User
> = {
  string: ApplicationCommandOptionType.String,
  'string[]': ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  user: ApplicationCommandOptionType.User,
};

function option(spec: OptionSpec): Opt {
  const base = { name: spec.name, description: describe(spec.description), required: spec.required ?? false };
  const type = TYPE[spec.type];
  if (type === ApplicationCommandOptionType.String && spec.choices?.length) {
    return {
      ...base,
      type,
      choices: spec.choices.slice(0, 25).map((c) => ({ name: cut(c, 100), value: c })),
    };
  }
  return { ...base, type } as Opt;
}

function subcommand(name: string, cmd: CommandInfo): Opt {
  // Discord wants required options before optional ones.
  const options = [...cmd.options]
    .sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false))
    .slice(0, 25)
    .map(option);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    description: describe(cmd.summary),
    options,
  } as Opt;
}

/** Builds the `/video` registration body from the registry. */
export function buildVideoCommand(commands: readonly CommandInfo[]): Body {
  const groups = new Map<string, Opt[]>();
  const top: Opt[] = [];
  const groupNames = new Set(commands.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!));
  for (const cmd of commands) {
    const [first, second] = cmd.name.split(' ') as [string, string | undefined];
    if (second !== undefined || groupNames.has(first)) {
      const list = groups.get(first) ?? [];
      if (!groups.has(first)) {
        groups.set(first, list);
        top.push({
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: first,
          description: '',
          options: list,
        } as Opt);
      }
      const self = commands.some((c) => c.name === `${first} ${SELF_SUBCOMMAND}`)
        ? SELF_FALLBACK
        : SELF_SUBCOMMAND;
      list.push(subcommand(second ?? self, cmd));
    } else {
      top.push(subcommand(first, cmd));
    }
  }
  for (const g of top) {
    if (g.type === ApplicationCommandOptionType.SubcommandGroup) {
      const names = (g.options ?? []).map((o) => o.name).join(', ');
      g.description = describe(`${g.name}: ${names}`);
    }
  }
  return {
    name: ROOT,
    type: ApplicationCommandType.ChatInput,
    description: 'Run Vonage Video meetings in this channel',
    contexts: [InteractionContextType.Guild],
    options: top.slice(0, 25),
  };
}

/** Maps an invoked subcommand path back to the registry's command name (`recordings list` -> `recordings`). */
export function registryName(path: string, commands: ReadonlyArray<Pick<CommandInfo, 'name'>>): string {
  if (commands.some((c) => c.name === path)) return path;
  const words = path.split(' ');
  if (words.length === 2 && (words[1] === SELF_SUBCOMMAND || words[1] === SELF_FALLBACK)) return words[0]!;
  return path;
}
