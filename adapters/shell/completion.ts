import { commandList as commands } from '../../commands/front-door.js';

/** The shell's own words, completed alongside `/video` subcommands. */
const SHELL_WORDS = [
  '/video ',
  'as ',
  'in ',
  'press ',
  'watch all',
  'watch channel',
  'sim join ',
  'sim publish ',
  'sim unpublish ',
  'sim leave ',
  'help',
  'quit',
];

/** Readline completer: shell words at the start of a line, subcommands and their flags after `/video`. */
export function complete(line: string): [string[], string] {
  const m = /^(\/?video\s+)(.*)$/i.exec(line);
  if (!m) return [SHELL_WORDS.filter((w) => w.startsWith(line)), line];
  const rest = m[2]!;
  const cmd = commands.find((c) => rest.toLowerCase().startsWith(`${c.name} `));
  if (cmd) {
    const last = rest.split(/\s+/).at(-1) ?? '';
    const flags = cmd.options.filter((o) => !o.positional).map((o) => `--${o.name}`);
    return [last.startsWith('-') ? flags.filter((f) => f.startsWith(last)) : [], last];
  }
  return [commands.map((c) => `${m[1]}${c.name} `).filter((c) => c.startsWith(line)), line];
}
