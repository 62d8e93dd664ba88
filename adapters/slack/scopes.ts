// The bot scopes the adapter really uses; manifest.yml and the OAuth install URL are checked against
// this list (test/adapters/slack/manifest.test.ts).

/** Bot token scopes, each with the calls that need it. */
export const BOT_SCOPES = [
  'commands', // the /video slash command
  'chat:write', // chat.postMessage / chat.update / chat.postEphemeral for cards and replies
  'chat:write.public', // post the card in public channels the bot has not joined
  'users:read', // users.info: workspace admins and owners are moderators
  'calls:write', // calls.add / calls.participants.add|remove / calls.end
  'bookmarks:write', // bookmarks.add / bookmarks.edit / bookmarks.remove: a channel room's link
] as const;
