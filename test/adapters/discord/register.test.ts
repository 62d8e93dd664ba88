import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType as T } from 'discord.js';
import { commands } from '../../../commands/registry.js';
import { registerCommands } from '../../../adapters/discord/register.js';
import { createDiscordRest } from '../../../adapters/discord/rest.js';
import { buildVideoCommand, registryName } from '../../../adapters/discord/slash-command.js';
import { FakeDiscord } from './fake-discord.js';

interface Opt {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  options?: Opt[];
  choices?: Array<{ name: string; value: string }>;
}

const body = buildVideoCommand(commands) as unknown as Opt;
const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

/** Every leaf subcommand as [path, subcommand]. */
function leaves(opts: Opt[] | undefined, prefix: string[] = []): Array<[string, Opt]> {
  return (opts ?? []).flatMap((o) => {
    if (o.type === T.SubcommandGroup) return leaves(o.options, [...prefix, o.name]);
    if (o.type === T.Subcommand) return [[[...prefix, o.name].join(' '), o] as [string, Opt]];
    return [];
  });
}

function walk(o: Opt, visit: (o: Opt) => void): void {
  visit(o);
  for (const c of o.options ?? []) walk(c, visit);
}

describe('/video registration', () => {
  it('has every registry command, and nothing else, as a subcommand path', () => {
    const registered = leaves(body.options)
      .map(([path]) => registryName(path, commands))
      .sort();
    expect(registered).toEqual(commands.map((c) => c.name).sort());
  });

  it('keeps names, descriptions and counts within Discord limits', () => {
    walk(body, (o) => {
      expect(o.name).toMatch(NAME);
      expect(o.description.length).toBeGreaterThanOrEqual(1);
      expect(o.description.length).toBeLessThanOrEqual(100);
      expect((o.options ?? []).length).toBeLessThanOrEqual(25);
      expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
      for (const c of o.choices ?? []) expect(c.name.length).toBeLessThanOrEqual(100);
      const required = (o.options ?? []).map((x) => x.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    });
  });

  it('stays within the 8000 characters Discord allows across all names, descriptions and choices', () => {
    let total = 0;
    walk(body, (o) => {
      total += o.name.length + o.description.length;
      for (const c of o.choices ?? []) total += c.name.length + String(c.value).length;
    });
    expect(total).toBeLessThanOrEqual(8000);
  });

  it('carries each command option typed, with choices for layouts and resolutions', () => {
    const byPath = new Map(leaves(body.options));
    for (const cmd of commands) {
      const path = [...byPath.keys()].find((p) => registryName(p, commands) === cmd.name)!;
      const sub = byPath.get(path)!;
      expect((sub.options ?? []).map((o) => o.name).sort()).toEqual(cmd.options.map((o) => o.name).sort());
    }
    const record = byPath.get('record start')!;
    expect(record.options!.find((o) => o.name === 'layout')!.choices!.map((c) => c.value)).toContain(
      'bestFit',
    );
    expect(record.options!.find((o) => o.name === 'resolution')!.choices!.map((c) => c.value)).toContain(
      '1280x720',
    );
    expect(byPath.get('live start')!.options!.find((o) => o.name === 'max-duration')!.type).toBe(T.Integer);
    expect(byPath.get('kick')!.options![0]).toMatchObject({ name: 'who', type: T.String, required: true });
    expect(byPath.has('recordings list') && byPath.has('recordings delete')).toBe(true);
  });
});

describe('registerCommands', () => {
  const fake = new FakeDiscord();
  beforeAll(async () => void (await fake.start()));
  afterAll(() => fake.close());

  it('bulk-overwrites the guild commands with the bot token, or the global ones without a guild', async () => {
    const rest = createDiscordRest({ token: 'bot-token', apiUrl: fake.url });
    expect(await registerCommands({ rest, applicationId: '42', guildId: '7', commands })).toMatch(
      /in guild 7/,
    );
    expect(await registerCommands({ rest, applicationId: '42', commands })).toMatch(/globally/);
    const [guild, global] = fake.matching(/^PUT /);
    expect(guild).toMatchObject({ path: '/applications/42/guilds/7/commands', auth: 'Bot bot-token' });
    expect(global!.path).toBe('/applications/42/commands');
    expect((guild!.body as Array<{ name: string }>)[0]!.name).toBe('video');
  });
});
