import { pathToFileURL } from 'node:url';
import { Routes, type REST } from 'discord.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { commandList as commands, type CommandInfo } from '../../commands/front-door.js';
import { createDiscordRest } from './rest.js';
import { buildVideoCommand } from './slash-command.js';

// `npm run discord:register`: bulk-overwrites the application's commands with `/video`, in one guild
// (DISCORD_GUILD_ID: instant, for development) or globally (can take up to an hour to show up).

/** Registers `/video`; returns a one-line summary of what was done. */
export async function registerCommands(opts: {
  rest: REST;
  applicationId: string;
  guildId?: string;
  commands: readonly CommandInfo[];
}): Promise<string> {
  const body = [buildVideoCommand(opts.commands)];
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  await opts.rest.put(route, { body });
  const where = opts.guildId
    ? `in guild ${opts.guildId}`
    : 'globally (new commands can take up to an hour to appear)';
  return `Registered /video with ${opts.commands.length} subcommands ${where}.`;
}

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 1;
  }
  const { token, applicationId, apiUrl, guildId } = config.discord;
  if (!token || !applicationId) {
    process.stderr.write(
      'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register /video (DISCORD_GUILD_ID for one server).\n',
    );
    return 1;
  }
  const rest = createDiscordRest({ token, apiUrl });
  try {
    process.stdout.write(`${await registerCommands({ rest, applicationId, guildId, commands })}\n`);
    return 0;
  } catch (err) {
    // Discord's message (never the token) says what is wrong: missing scope, bad ID, bad option.
    process.stderr.write(
      `Discord refused the registration: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
