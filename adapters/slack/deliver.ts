// Shows the core's reply to the person who asked: a modal when the reply carries one, the card as
// a stored channel message when it is one, else respond() (ephemeral unless the view is for the
// channel) or, without a response_url (modal submissions), chat.postEphemeral / chat.postMessage.
// response_url replies are ephemeral unless the view is for the channel, and never replace the card.
import type { webApi } from '@slack/bolt';
import type { Place, View } from '../../src/chat.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import type { ModalCache } from './modal-cache.js';
import { renderModal } from './modal.js';
import type { SlackCardPublisher } from './publisher.js';
import { renderView } from './render.js';
import type { Responder } from './response-url.js';

/** What the adapter needs to deliver replies. */
export interface DeliverDeps {
  store: Store;
  publisher: SlackCardPublisher;
  modals: ModalCache;
  log: Logger;
  now: () => number;
  respond: Responder;
}

/** Where a reply goes. */
export interface ReplyTarget {
  place: Place;
  userId: string;
  client: webApi.WebClient;
  /** The request's response_url, when it has one (slash commands, message buttons). */
  responseUrl?: string;
  triggerId?: string;
  meetingKey?: string;
}

const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** Delivers one reply; failures are logged, never thrown (the request was acked long ago). */
export async function deliver(view: View, to: ReplyTarget, deps: DeliverDeps): Promise<void> {
  try {
    if (view.modal && to.triggerId) {
      await to.client.views.open({
        trigger_id: to.triggerId,
        view: renderModal(view.modal, {
          action: view.modal.action,
          key: view.cardOf ?? to.meetingKey ?? '',
          channel: to.place.channelId,
        }),
      });
    }
    if (view.blocks.length === 0 && !view.title) return;
    if (view.cardOf && view.visibility === 'channel') return await postCard(view, to, deps);
    await sendMessage(view, to, deps);
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    deps.log.warn('slack reply failed', { code, err });
    if (code && NOT_IN_CHANNEL.has(code)) {
      await sendMessage(
        {
          visibility: 'ephemeral',
          blocks: [
            {
              type: 'notice',
              level: 'error',
              text: 'I cannot post in this channel; invite me with `/invite @Video ChatOps` and try again.',
            },
          ],
        },
        to,
        deps,
      ).catch(() => {});
    }
  }
}

async function sendMessage(view: View, to: ReplyTarget, deps: DeliverDeps): Promise<void> {
  const msg = renderView(view);
  deps.modals.remember(msg.modals);
  const channel = view.visibility === 'channel';
  if (to.responseUrl) {
    await deps.respond(to.responseUrl, {
      response_type: channel ? 'in_channel' : 'ephemeral',
      replace_original: false,
      text: msg.text,
      blocks: msg.blocks,
    });
  } else if (channel) {
    await to.client.chat.postMessage({ channel: to.place.channelId, text: msg.text, blocks: msg.blocks });
  } else {
    await to.client.chat.postEphemeral({
      channel: to.place.channelId,
      user: to.userId,
      text: msg.text,
      blocks: msg.blocks,
    });
  }
}

/** A reply that is a meeting card becomes a stored, refreshable channel message. */
async function postCard(view: View, to: ReplyTarget, deps: DeliverDeps): Promise<void> {
  const meetingId = view.cardOf!;
  const meeting = await deps.store.getMeeting(meetingId);
  const ref = await deps.publisher.post(to.place, view);
  const at = deps.now();
  await deps.store.addCard({
    meetingId,
    platform: 'slack',
    teamId: ref.teamId,
    channelId: ref.channelId,
    messageId: ref.messageId,
    renderedVersion: meeting?.version ?? 0,
    renderedAt: at,
    notBefore: at + 1000,
  });
}
