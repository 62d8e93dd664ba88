// Who is a moderator on Slack: workspace admins and owners (users.info, cached briefly so a click
// does not always cost an API call, yet a demoted admin loses power within a minute) and the IDs in
// SLACK_MODERATOR_IDS. The meeting host is recognised by the core (commands/roles.ts) on every request.
import type { Actor } from '../../src/chat.js';
import type { Logger } from '../../src/log.js';
import { cleanName } from '../../src/text/clean.js';

/** Looks a user up with users.info; resolves to admin/owner flags. */
export type UserInfoLookup = (
  teamId: string,
  userId: string,
) => Promise<{ isAdmin: boolean; isOwner: boolean }>;

/** Options of {@link SlackRoles}. */
export interface SlackRolesOptions {
  lookup: UserInfoLookup;
  moderatorIds: ReadonlySet<string>;
  log: Logger;
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  at: number;
  admin: Promise<boolean>;
}

/** Resolves Slack users to neutral actors; the admin verdict is cached per user for `ttlMs`. */
export class SlackRoles {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: SlackRolesOptions) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** The actor for a request, with `moderator` from configuration or workspace role. */
  async actor(teamId: string, userId: string, name: string): Promise<Actor> {
    const moderator = this.opts.moderatorIds.has(userId) || (await this.isWorkspaceAdmin(teamId, userId));
    return { platform: 'slack', id: userId, name: cleanName(name) || userId, moderator };
  }

  /** Whether the user is a workspace admin or owner; fails closed when Slack cannot be asked. */
  isWorkspaceAdmin(teamId: string, userId: string): Promise<boolean> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.admin;
    const admin = this.opts
      .lookup(teamId, userId)
      .then((u) => u.isAdmin || u.isOwner)
      .catch((err: unknown) => {
        this.opts.log.warn('users.info failed; treating user as non-admin', { teamId, userId, err });
        this.cache.delete(key);
        return false;
      });
    this.cache.set(key, { at: this.now(), admin });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value as string);
    return admin;
  }
}
