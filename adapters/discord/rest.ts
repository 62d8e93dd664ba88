import { REST } from 'discord.js';

/** Discord's REST base when DISCORD_API_URL is not set. */
export const DEFAULT_API_URL = 'https://discord.com/api';

/**
 * Creates the bot-token REST client (cards, guild roles, registration). Channel routes (card posts
 * and edits) reject on rate limits instead of queueing, so the card refresher sees the wait and
 * coalesces; interaction replies use their own webhook client (replies.ts).
 */
export function createDiscordRest(opts: { token?: string; apiUrl?: string }): REST {
  const rest = new REST({
    api: opts.apiUrl ?? DEFAULT_API_URL,
    version: '10',
    rejectOnRateLimit: ['/channels'],
    offset: 0,
    retries: 2,
    timeout: 10_000,
  });
  if (opts.token) rest.setToken(opts.token);
  return rest;
}
