// Card clicks after their ack: buttons and selects become ActionRequests; buttons that open a form
// open it at once (the trigger dies 3 s after the click). A double click (same user, message, control
// and value within 3 s) has one effect.
import type { BlockAction, BlockElementAction } from '@slack/bolt';
import { dispatchAction } from '../../commands/dispatch.js';
import type { View } from '../../src/chat.js';
import { commandByName } from '../../commands/lookup.js';
import { canModerate, roleOf } from '../../commands/roles.js';
import { decodeActionId } from './action-id.js';
import { deliver } from './deliver.js';
import { DELIVERY_TTL_MS, first, place, type ActionArgs, type ListenerDeps } from './listener-deps.js';
import { ModalCache } from './modal-cache.js';
import { renderModal } from './modal.js';

const DOUBLE_CLICK_MS = 3000;

/**
 * Handles one card click; resolves to the reply delivered. `recovered`: taken over from a replica
 * that died after acking it, so the repeat checks it may have passed are skipped.
 */
export async function onClick(
  { body: b, action: raw, client }: Pick<ActionArgs, 'body' | 'action' | 'client'>,
  d: ListenerDeps,
  recovered = false,
): Promise<View | undefined> {
  const action = raw as BlockElementAction & { url?: string };
  const decoded = decodeActionId(action.action_id);
  if (!decoded || (action.type === 'button' && action.url)) return undefined;
  const team = b.team?.id ?? b.user.team_id ?? '';
  const where = place(team, b.channel?.id ?? b.container?.channel_id ?? '');
  if (decoded.opensModal) {
    // The trigger expires 3 s after the click, so only a quick role check (cached users.info) comes
    // first; the core checks again when the form is submitted.
    if (!(await mayOpen(d, team, b.user, decoded.action, decoded.key))) {
      if (b.response_url)
        await d.respond(b.response_url, {
          response_type: 'ephemeral',
          replace_original: false,
          text: "Only the meeting's host or a moderator can do that.",
        });
      return;
    }
    const modal =
      ModalCache.find(await d.ctx.cards.view(decoded.key), decoded.action) ?? d.modals.get(decoded.action);
    if (modal) {
      await client.views.open({
        trigger_id: b.trigger_id,
        view: renderModal(modal, { action: decoded.action, key: decoded.key, channel: where.channelId }),
      });
    } else {
      if (b.response_url)
        await d.respond(b.response_url, {
          response_type: 'ephemeral',
          replace_original: false,
          text: 'That form is no longer available; use the `/video` command instead.',
        });
    }
    return undefined;
  }
  const value =
    action.type === 'button'
      ? action.value
      : action.type === 'static_select'
        ? action.selected_option?.value
        : undefined;
  const click = `${team}:${b.user.id}:${b.container?.message_ts ?? ''}:${action.action_id}:${value ?? ''}`;
  if (!recovered && !(await first(d, 'slack-click', click, DOUBLE_CLICK_MS))) return undefined;
  if (!recovered && !(await first(d, 'slack-delivery', `act:${team}:${b.trigger_id}`, DELIVERY_TTL_MS)))
    return undefined;
  const actor = await d.roles.actor(team, b.user.id, b.user.name ?? b.user.username ?? '');
  const source = action.type === 'static_select' ? 'select' : 'button';
  const req = {
    actor,
    place: where,
    action: decoded.action,
    key: decoded.key,
    idempotencyKey: `${team}:${b.trigger_id}`,
    source,
  } as const;
  const view = await dispatchAction(value !== undefined ? { ...req, value } : req, d.ctx);
  await deliver(
    view,
    {
      place: where,
      userId: b.user.id,
      client,
      responseUrl: b.response_url,
      triggerId: b.trigger_id,
      meetingKey: decoded.key,
    },
    d,
  );
  return view;
}

/** Whether the clicker may open the form of a moderator-only action. */
async function mayOpen(
  d: ListenerDeps,
  team: string,
  user: BlockAction['user'],
  action: string,
  key: string,
): Promise<boolean> {
  const cmd =
    commandByName(d.commands, action.replace(/\./g, ' ')) ??
    commandByName(d.commands, action.split('.')[0] ?? '');
  if (!cmd || cmd.role !== 'moderator') return true;
  const [meeting, actor] = await Promise.all([
    d.store.getMeeting(key),
    d.roles.actor(team, user.id, user.name ?? ''),
  ]);
  return canModerate(roleOf(actor, meeting ?? undefined, d.ctx));
}
