// Which bot token speaks for a workspace: the single SLACK_BOT_TOKEN, or the installation stored by
// the OAuth flow (multi-workspace). Cards, roles and Calls all resolve tokens through here.
import type { Store } from '../../src/store/types.js';

/** Resolves the bot token for a team; throws when the workspace has not installed the app. */
export type TokenLookup = (teamId: string) => Promise<string>;

/** A lookup that always answers the single-workspace bot token. */
export function singleToken(botToken: string): TokenLookup {
  return async () => botToken;
}

/** Reads the bot token of a team from the installation saved by the OAuth flow. */
export function installedToken(store: Store): TokenLookup {
  return async (teamId) => {
    const rec = await store.getInstallation('slack', teamId);
    const token = (rec?.data as { bot?: { token?: unknown } } | undefined)?.bot?.token;
    if (typeof token !== 'string')
      throw new Error(
        `The Slack app is not installed in workspace ${teamId}; install it from /slack/install.`,
      );
    return token;
  };
}
