import type { View, Visibility } from '../../src/chat.js';
import type { Logger } from '../../src/log.js';
import { renderMessage } from './render.js';
import type { InteractionReplies } from './replies.js';
import type { DiscordReplyTo } from './requests.js';

// How a result reaches Discord after the first response. A slash command or form whose result the
// core expects to announce was deferred publicly: that result is one edit of @original. Any other
// was deferred ephemerally (so errors and personal links never leak): a personal result is one edit
// of @original; a public one (rare: the core expected a personal answer) must become a public
// follow-up, but the first follow-up after a deferral would replace the "thinking" message and stay
// ephemeral, so: settle @original, post, remove the stub. A public deferral whose result turned out
// personal (a refusal) removes the public stub and follows up ephemerally. Clicks answered with a
// "deferred update" get one follow-up. The "yes" of a confirmation prompt replaced the prompt: a
// result announced as expected is one public follow-up, a personal one an edit of the prompt.
// So every result the core announces, as it said it would, costs exactly one REST call.

const DONE = { content: '✅ Done.', embeds: [], components: [] };

/** Shown when delivering the result failed, so nobody is left looking at "thinking…". */
export const FAILED_TEXT =
  '❌ Something went wrong while handling that; it has been logged, please try again.';

/** Sends `view` as the result of the interaction `to` (acked with `acked` visibility); never throws. */
export async function deliver(
  replies: InteractionReplies,
  to: DiscordReplyTo,
  view: View,
  acked: Visibility,
  log: Logger,
): Promise<void> {
  try {
    await send(replies, to, view, acked);
  } catch (err) {
    log.error('discord: could not deliver a result', { interaction: to.id, err });
    await replies
      .editOriginal(to, { content: FAILED_TEXT, embeds: [], components: [] })
      .catch(() => undefined);
  }
}

async function send(replies: InteractionReplies, to: DiscordReplyTo, view: View, acked: Visibility) {
  const message = renderMessage(view);
  const personal = view.visibility === 'ephemeral';
  if (to.mode === 'deferred') {
    if (personal === (acked === 'ephemeral')) return replies.editOriginal(to, message);
    if (personal) {
      await replies.deleteOriginal(to);
      return replies.followUp(to, message, true);
    }
    await replies.editOriginal(to, DONE);
    await replies.followUp(to, message, false);
    return replies.deleteOriginal(to);
  }
  if (to.mode === 'confirmed') {
    if (personal) return replies.editOriginal(to, message);
    await replies.followUp(to, message, false);
    // Acked as announced, the prompt already reads "confirmed": the follow-up is the only call.
    if (acked === 'ephemeral') await replies.editOriginal(to, DONE);
    return;
  }
  return replies.followUp(to, message, personal);
}
