import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../../src/log.js';
import { createDiscordRest } from '../../../adapters/discord/rest.js';
import { hasModeratorPermission, ModeratorRoles } from '../../../adapters/discord/roles.js';
import { FakeDiscord } from './fake-discord.js';

describe('moderator permissions', () => {
  it('counts Mute, Move, Kick Members, Manage Channels and Administrator, nothing else', () => {
    for (const bit of [1n << 22n, 1n << 24n, 1n << 1n, 1n << 4n, 1n << 3n])
      expect(hasModeratorPermission(String(bit | (1n << 10n)))).toBe(true);
    expect(hasModeratorPermission(String((1n << 10n) | (1n << 11n)))).toBe(false);
    expect(hasModeratorPermission('not-a-number')).toBe(false);
    expect(hasModeratorPermission(undefined)).toBe(false);
  });
});

describe('ModeratorRoles', () => {
  const fake = new FakeDiscord();
  beforeAll(async () => {
    await fake.start();
    fake.roles = [
      { id: 'r1', name: 'Video Mods' },
      { id: 'r2', name: 'Everyone Else' },
    ];
  });
  afterAll(() => fake.close());

  it('matches the role name case-insensitively and reads the guild roles once per TTL', async () => {
    const roles = new ModeratorRoles({
      rest: createDiscordRest({ token: 'bot-token', apiUrl: fake.url }),
      roleName: 'video mods',
      log: silentLogger,
    });
    expect(await roles.isModerator('g7', { permissions: '0', roles: ['r2', 'r1'] })).toBe(true);
    expect(await roles.isModerator('g7', { permissions: '0', roles: ['r2'] })).toBe(false);
    expect(fake.matching(/^GET \/guilds\/g7\/roles$/)).toHaveLength(1);
  });

  it('treats an unreachable Discord as "no role" and says so once', async () => {
    const lines: string[] = [];
    const roles = new ModeratorRoles({
      rest: createDiscordRest({ token: 'bot-token', apiUrl: 'http://127.0.0.1:1/api' }),
      roleName: 'Video Mods',
      log: createLogger({ write: (l) => lines.push(l) }),
    });
    expect(await roles.isModerator('g8', { permissions: '0', roles: ['r1'] })).toBe(false);
    expect(await roles.isModerator('g8', { permissions: '0', roles: ['r1'] })).toBe(false);
    expect(lines.filter((l) => l.includes('could not read guild roles'))).toHaveLength(1);
    expect(lines.join('')).not.toContain('bot-token');
  });
});
