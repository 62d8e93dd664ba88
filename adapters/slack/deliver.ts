// Shows the core's reply to the person who asked: through the request's response_url (ephemeral
// unless the view is for the channel, never replacing the card) or, without one (form submissions),
// with chat.postEphemeral / chat.postMessage.
import type { webApi } from '@slack/bolt';
import type { Place, View } from '../../src/chat.js';
import type { Logger } from '../../src/log.js';
import { renderView } from './render.js';
import type { SlackReplyTo } from './requests.js';
import type { Responder } from './response-url.js';
import type { TokenLookup } from './tokens.js';

/** What the adapter needs to deliver replies. */
export interface DeliverDeps {
  /** A Web API client without a token of its own (each call names its workspace's token). */
  client: webApi.WebClient;
  tokenFor: TokenLookup;
  respond: Responder;
  log: Logger;
}

const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
const INVITE_ME = 'I cannot post in this channel; invite me with `/invite @Video ChatOps` and try again.';

/** Delivers one reply; failures are logged, never thrown (the request was acked long ago). */
export async function deliver(view: View, place: Place, to: SlackReplyTo, deps: DeliverDeps): Promise<void> {
  if (view.blocks.length === 0 && !view.title) return;
  try {
    await sendMessage(view, place, to, deps);
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    deps.log.warn('slack reply failed', { code, err });
    if (code && NOT_IN_CHANNEL.has(code)) {
      const notice: View = {
        visibility: 'ephemeral',
        blocks: [{ type: 'notice', level: 'error', text: INVITE_ME }],
      };
      await sendMessage(notice, place, to, deps).catch(() => {});
    }
  }
}

async function sendMessage(view: View, place: Place, to: SlackReplyTo, deps: DeliverDeps): Promise<void> {
  const msg = renderView(view);
  const channel = view.visibility === 'channel';
  if (to.responseUrl) {
    await deps.respond(to.responseUrl, {
      response_type: channel ? 'in_channel' : 'ephemeral',
      replace_original: false,
      text: msg.text,
      blocks: msg.blocks,
    });
    return;
  }
  const token = await deps.tokenFor(place.teamId);
  if (!place.channelId) {
    // A click in the App Home tab has no channel and no response_url: the answer goes to the
    // person's own DM with the app, which only they see.
    await deps.client.chat.postMessage({ token, channel: to.userId, text: msg.text, blocks: msg.blocks });
    return;
  }
  if (channel) {
    await deps.client.chat.postMessage({
      token,
      channel: place.channelId,
      text: msg.text,
      blocks: msg.blocks,
    });
  } else {
    await deps.client.chat.postEphemeral({
      token,
      channel: place.channelId,
      user: to.userId,
      text: msg.text,
      blocks: msg.blocks,
    });
  }
}
