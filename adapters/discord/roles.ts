import { PermissionFlagsBits, Routes, type REST } from 'discord.js';
import type { Logger } from '../../src/log.js';

// Buttons on a card are not gated by Discord, so every click is checked here: the member's computed
// channel permissions (sent with each interaction) or a role named DISCORD_MODERATOR_ROLE. Role IDs
// are resolved to names through REST, cached per guild; a slow or failing lookup counts as "no role"
// rather than holding up the 3-second first response.

/** Any of these permissions makes a member a moderator (Administrator implies them all). */
export const MODERATOR_PERMISSIONS =
  PermissionFlagsBits.MuteMembers |
  PermissionFlagsBits.MoveMembers |
  PermissionFlagsBits.KickMembers |
  PermissionFlagsBits.ManageChannels |
  PermissionFlagsBits.Administrator;

/** Whether a permissions bitfield (decimal string from the interaction) holds any moderator permission. */
export function hasModeratorPermission(permissions: string | undefined): boolean {
  if (!permissions || !/^\d{1,30}$/.test(permissions)) return false;
  return (BigInt(permissions) & MODERATOR_PERMISSIONS) !== 0n;
}

interface CachedRoles {
  at: number;
  ids: Set<string>;
}

/** Options of {@link ModeratorRoles}. */
export interface ModeratorRolesOptions {
  /** REST client with the bot token; without it role names cannot be resolved. */
  rest?: REST;
  roleName?: string;
  log: Logger;
  now?: () => number;
  ttlMs?: number;
  timeoutMs?: number;
}

/** Resolves which of a guild's role IDs carry the configured moderator role name. */
export class ModeratorRoles {
  private readonly cache = new Map<string, CachedRoles>();
  private readonly pending = new Map<string, Promise<Set<string>>>();

  constructor(private readonly opts: ModeratorRolesOptions) {}

  /** True when the member has a moderator permission or a role named like the configured moderator role. */
  async isModerator(
    guildId: string | undefined,
    member: { permissions?: string; roles?: string[] } | undefined,
  ): Promise<boolean> {
    if (hasModeratorPermission(member?.permissions)) return true;
    if (!guildId || !member?.roles?.length || !this.opts.roleName || !this.opts.rest) return false;
    const ids = await this.moderatorRoleIds(guildId);
    return member.roles.some((r) => ids.has(r));
  }

  private async moderatorRoleIds(guildId: string): Promise<Set<string>> {
    const now = (this.opts.now ?? Date.now)();
    const hit = this.cache.get(guildId);
    if (hit && now - hit.at < (this.opts.ttlMs ?? 5 * 60_000)) return hit.ids;
    let job = this.pending.get(guildId);
    if (!job) {
      job = this.fetch(guildId, now).finally(() => this.pending.delete(guildId));
      this.pending.set(guildId, job);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Set<string>>((resolve) => {
      timer = setTimeout(() => resolve(new Set()), this.opts.timeoutMs ?? 1500);
    });
    try {
      return await Promise.race([job, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetch(guildId: string, now: number): Promise<Set<string>> {
    const wanted = this.opts.roleName!.trim().toLowerCase();
    try {
      const roles = (await this.opts.rest!.get(Routes.guildRoles(guildId))) as Array<{
        id: string;
        name: string;
      }>;
      const ids = new Set(roles.filter((r) => r.name.trim().toLowerCase() === wanted).map((r) => r.id));
      this.cache.set(guildId, { at: now, ids });
      return ids;
    } catch (err) {
      this.opts.log.warn('discord: could not read guild roles; moderator role ignored for now', {
        guildId,
        err,
      });
      // Remember the failure briefly so a broken lookup does not hit REST on every click.
      this.cache.set(guildId, { at: now - (this.opts.ttlMs ?? 5 * 60_000) + 30_000, ids: new Set() });
      return new Set();
    }
  }
}
