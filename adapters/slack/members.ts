// Who can see a Slack channel: its members (conversations.members, paged), cached briefly per
// channel so a page of clicks costs one walk through the list, yet someone who leaves loses access
// within a minute. Used only for requests made outside the channel (App Home, another channel):
// a request made in the channel itself already proves membership.
import type { Logger } from '../../src/log.js';

/** One page of conversations.members. */
export type MembersPage = (
  teamId: string,
  channelId: string,
  cursor: string | undefined,
) => Promise<{ members: string[]; next?: string }>;

/** Options of {@link SlackMembers}. */
export interface SlackMembersOptions {
  page: MembersPage;
  log: Logger;
  ttlMs?: number;
  now?: () => number;
  /** Stop walking after this many pages (huge channels): not found within them counts as not a member. */
  maxPages?: number;
}

interface Entry {
  at: number;
  members: Promise<Set<string>>;
}

/** Channel membership from the Slack Web API, cached per channel for `ttlMs`. */
export class SlackMembers {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: SlackMembersOptions) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Whether `userId` is a member of the channel; rejects when Slack cannot be asked (the caller fails closed). */
  async isMember(teamId: string, channelId: string, userId: string): Promise<boolean> {
    if (!channelId) return false;
    const key = `${teamId}:${channelId}`;
    let hit = this.cache.get(key);
    if (!hit || this.now() - hit.at >= this.ttlMs) {
      hit = { at: this.now(), members: this.walk(teamId, channelId) };
      this.cache.set(key, hit);
      hit.members.catch(() => this.cache.delete(key));
      if (this.cache.size > 1_000) this.cache.delete(this.cache.keys().next().value as string);
    }
    return (await hit.members).has(userId);
  }

  private async walk(teamId: string, channelId: string): Promise<Set<string>> {
    const out = new Set<string>();
    let cursor: string | undefined;
    for (let i = 0; i < (this.opts.maxPages ?? 20); i++) {
      const page = await this.opts.page(teamId, channelId, cursor);
      for (const m of page.members) out.add(m);
      if (!page.next) return out;
      cursor = page.next;
    }
    this.opts.log.warn('slack channel has more members than are checked; the rest count as non-members', {
      teamId,
      channelId,
    });
    return out;
  }
}
