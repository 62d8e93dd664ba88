import type { View } from '../../src/chat.js';
import type { ComponentMemory } from './memory.js';
import { renderMessage } from './render.js';
import type { InteractionRef, InteractionReplies } from './replies.js';

// How a result reaches Discord after the first response. Slash commands and modal submissions were
// deferred ephemerally (so errors and personal links never leak). A channel-wide result becomes a
// public follow-up, but only once the deferral is settled: the first follow-up after a type-5 defer
// would otherwise replace the "thinking" message and stay ephemeral. So: settle @original, post the
// public message, then remove the ephemeral stub. Clicks answered with "deferred update"
// get follow-ups; a confirmed prompt is edited in place.

/** What the first response was, which decides how the result is delivered. */
export type DeliveryMode = 'deferred' | 'clicked' | 'confirmed';

const DONE = { content: '✅ Done.', embeds: [], components: [] };

/** Key used on components when a reply is not tied to a meeting (Discord needs a non-empty field). */
export const NO_KEY = '-';

/** Adds an "Open form" button when the core asked for a modal that can no longer be the first response. */
export function withFormButton(view: View, key: string): View {
  const modal = view.modal;
  if (!modal) return view;
  const opened = view.blocks.some(
    (b) => b.type === 'buttons' && b.buttons.some((x) => x.modal?.action === modal.action),
  );
  if (opened) return view;
  const button = {
    action: modal.action,
    label: modal.title.slice(0, 80) || 'Open form',
    key,
    style: 'primary' as const,
    modal,
  };
  return { ...view, blocks: [...view.blocks, { type: 'buttons', buttons: [button] }] };
}

/** Sends `view` as the result of the interaction `ref`. */
export async function deliver(
  replies: InteractionReplies,
  ref: InteractionRef,
  view: View,
  mode: DeliveryMode,
  opts: { memory: ComponentMemory; key: string },
): Promise<void> {
  const message = renderMessage(withFormButton(view, opts.key), opts.memory);
  const personal = view.visibility === 'ephemeral';
  if (mode === 'deferred') {
    if (personal) return replies.editOriginal(ref, message);
    await replies.editOriginal(ref, DONE);
    await replies.followUp(ref, message, false);
    await replies.deleteOriginal(ref);
    return;
  }
  if (mode === 'confirmed') {
    if (personal) return replies.editOriginal(ref, message);
    await replies.followUp(ref, message, false);
    await replies.editOriginal(ref, DONE);
    return;
  }
  // A click on a card: the card itself is refreshed by the card refresher; anything else follows up.
  if (view.cardOf && !personal) return replies.editOriginal(ref, message);
  await replies.followUp(ref, message, personal);
}
