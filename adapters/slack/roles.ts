// Who is a moderator on Slack: workspace admins and owners (users.info, cached briefly so a click
// does not always cost an API call, yet a demoted admin loses power within a minute). The adapter's
// port adds SLACK_MODERATOR_IDS; the meeting host is recognised by the core on every request.
import type { Logger } from '../../src/log.js';

/** Looks a user up with users.info; resolves to admin/owner flags. */
export type UserInfoLookup = (
  teamId: string,
  userId: string,
) => Promise<{ isAdmin: boolean; isOwner: boolean }>;

/** Options of {@link SlackRoles}. */
export interface SlackRolesOptions {
  lookup: UserInfoLookup;
  log: Logger;
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  at: number;
  admin: Promise<boolean>;
}

/** Workspace-admin verdicts, cached per user for `ttlMs`. */
export class SlackRoles {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: SlackRolesOptions) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.now = opts.now ?? Date.now;
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
