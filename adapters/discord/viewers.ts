import { PermissionFlagsBits, Routes, type REST } from 'discord.js';
import type { Logger } from '../../src/log.js';

// Who can see a Discord channel, computed the way Discord does (its "permission overwrites"
// algorithm): the guild owner and Administrators see everything; otherwise the @everyone role and
// the member's roles give base permissions, then the channel's overwrites for @everyone, for the
// member's roles and for the member apply in that order, and ViewChannel decides. The REST calls:
// GET /guilds/{id} (owner), /guilds/{id}/roles, /guilds/{id}/members/{user} (404: not a member)
// and /channels/{id} (overwrites). Verdicts are cached briefly per channel and member.

interface Overwrite {
  id: string;
  type: number;
  allow: string;
  deny: string;
}

/** What the check reads: a guild, its roles, a member and a channel (tests pass their own data). */
export interface ViewFacts {
  ownerId: string;
  roles: Array<{ id: string; permissions: string }>;
  memberRoles: string[];
  channelGuildId: string | undefined;
  overwrites: Overwrite[];
}

const big = (v: string | undefined): bigint => (v && /^\d{1,30}$/.test(v) ? BigInt(v) : 0n);

/** Whether `userId` may view the channel of `guildId`, from what Discord says about them. */
export function canViewChannel(guildId: string, userId: string, f: ViewFacts): boolean {
  if (f.channelGuildId !== guildId) return false;
  if (f.ownerId === userId) return true;
  const perms = new Map(f.roles.map((r) => [r.id, big(r.permissions)]));
  let p = perms.get(guildId) ?? 0n;
  for (const r of f.memberRoles) p |= perms.get(r) ?? 0n;
  if ((p & PermissionFlagsBits.Administrator) !== 0n) return true;
  const everyone = f.overwrites.find((o) => o.id === guildId);
  if (everyone) p = (p & ~big(everyone.deny)) | big(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of f.overwrites)
    if (o.type === 0 && o.id !== guildId && f.memberRoles.includes(o.id)) {
      allow |= big(o.allow);
      deny |= big(o.deny);
    }
  p = (p & ~deny) | allow;
  const own = f.overwrites.find((o) => o.type === 1 && o.id === userId);
  if (own) p = (p & ~big(own.deny)) | big(own.allow);
  return (p & PermissionFlagsBits.ViewChannel) !== 0n;
}

/** Options of {@link DiscordViewers}. */
export interface DiscordViewersOptions {
  rest: REST;
  log: Logger;
  ttlMs?: number;
  now?: () => number;
}

/** Channel visibility through Discord REST, cached per (channel, member) for `ttlMs`. */
export class DiscordViewers {
  private readonly cache = new Map<string, { at: number; verdict: Promise<boolean> }>();

  constructor(private readonly opts: DiscordViewersOptions) {}

  /** Whether the member can view the channel; rejects when Discord cannot be asked (callers fail closed). */
  canView(guildId: string, channelId: string, userId: string): Promise<boolean> {
    const now = (this.opts.now ?? Date.now)();
    const key = `${guildId}:${channelId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && now - hit.at < (this.opts.ttlMs ?? 60_000)) return hit.verdict;
    const verdict = this.ask(guildId, channelId, userId);
    this.cache.set(key, { at: now, verdict });
    verdict.catch(() => this.cache.delete(key));
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value as string);
    return verdict;
  }

  private async ask(guildId: string, channelId: string, userId: string): Promise<boolean> {
    const { rest } = this.opts;
    let member: { roles?: string[] };
    try {
      member = (await rest.get(Routes.guildMember(guildId, userId))) as { roles?: string[] };
    } catch (err) {
      // Not in the guild at all: Discord answers 404 (Unknown Member).
      if ((err as { status?: number }).status === 404) return false;
      throw err;
    }
    const [guild, roles, channel] = (await Promise.all([
      rest.get(Routes.guild(guildId)),
      rest.get(Routes.guildRoles(guildId)),
      rest.get(Routes.channel(channelId)),
    ])) as [
      { owner_id?: string },
      Array<{ id: string; permissions: string }>,
      { guild_id?: string; permission_overwrites?: Overwrite[] },
    ];
    return canViewChannel(guildId, userId, {
      ownerId: guild.owner_id ?? '',
      roles,
      memberRoles: member.roles ?? [],
      channelGuildId: channel.guild_id,
      overwrites: channel.permission_overwrites ?? [],
    });
  }
}
