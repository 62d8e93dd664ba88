// Slack payloads -> neutral chat requests: who, where, what, and where the reply goes. Nothing here
// decides anything: the core resolves the command, checks roles and places, and runs it.
import type { BlockAction, BlockElementAction, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import type { ChatRequest, Control, FormFields } from '../../commands/front-door.js';
import type { Place } from '../../src/chat.js';
import { cleanName } from '../../src/text/clean.js';
import { decodeActionId, type DecodedAction } from './action-id.js';
import { readModalMetadata, readSubmission, type ModalMetadata } from './modal.js';
import { unescapeSlack } from './mrkdwn.js';

/** Where a Slack reply goes: the request's response_url, else an ephemeral message to the user. */
export interface SlackReplyTo {
  responseUrl?: string;
  userId: string;
}

/** A double click (same user, channel, message, control and value) within this window has one effect. */
const DOUBLE_CLICK_MS = 3000;

/** The neutral place of a Slack request. */
export const slackPlace = (teamId: string, channelId: string): Place => ({
  platform: 'slack',
  teamId,
  channelId,
});

const actor = (id: string, name: string | undefined) => ({
  platform: 'slack' as const,
  id,
  name: cleanName(name ?? '') || id,
});

/** `/video <text>`. */
export function slashRequest(c: SlashCommand): ChatRequest {
  const replyTo: SlackReplyTo = { responseUrl: c.response_url, userId: c.user_id };
  return {
    actor: actor(c.user_id, c.user_name),
    place: slackPlace(c.team_id, c.channel_id),
    // Slack sends the typed text HTML-escaped (&amp; &lt; &gt;): the core gets what was typed.
    ask: { kind: 'text', text: unescapeSlack(c.text ?? '') },
    source: 'slash',
    delivery: `${c.team_id}:${c.trigger_id}`,
    replyTo,
  };
}

/** The workspace a block action or view submission came from. */
export const teamOf = (b: { team?: { id?: string } | null; user: { team_id?: string } }): string =>
  b.team?.id ?? b.user.team_id ?? '';

/** A card control that was clicked: its decoded action_id and what was picked, or null when not ours. */
export function clicked(
  b: BlockAction,
  raw: BlockElementAction,
): { decoded: DecodedAction; value?: string; control: Control } | null {
  const action = raw as BlockElementAction & { url?: string };
  const decoded = decodeActionId(action.action_id);
  if (!decoded || (action.type === 'button' && action.url)) return null;
  const value =
    action.type === 'button'
      ? action.value
      : action.type === 'static_select'
        ? action.selected_option?.value
        : undefined;
  const control: Control = {
    actor: actor(b.user.id, b.user.name ?? b.user.username),
    place: slackPlace(teamOf(b), b.channel?.id ?? b.container?.channel_id ?? ''),
    action: decoded.action,
    key: decoded.key,
  };
  return { decoded, ...(value !== undefined ? { value } : {}), control };
}

/** A click that runs its action (a button or a select; not one that opens a form). */
export function clickRequest(
  b: BlockAction,
  raw: BlockElementAction,
  c: NonNullable<ReturnType<typeof clicked>>,
): ChatRequest {
  const team = teamOf(b);
  const replyTo: SlackReplyTo = {
    userId: b.user.id,
    ...(b.response_url ? { responseUrl: b.response_url } : {}),
  };
  return {
    actor: c.control.actor,
    place: c.control.place,
    ask: {
      kind: 'action',
      action: c.control.action,
      key: c.control.key,
      ...(c.value !== undefined ? { value: c.value } : {}),
    },
    source: raw.type === 'static_select' ? 'select' : 'button',
    delivery: `${team}:${b.trigger_id}`,
    repeatOf: {
      key: `slack:${team}:${c.control.place.channelId}:${b.user.id}:${b.container?.message_ts ?? ''}:${raw.action_id}:${c.value ?? ''}`,
      windowMs: DOUBLE_CLICK_MS,
    },
    replyTo,
  };
}

/** A submitted form: its control (action and meeting from private_metadata) and field values. */
export function submitted(
  body: ViewSubmitAction,
): { meta: ModalMetadata; control: Control; fields: FormFields } | null {
  const meta = readModalMetadata(body.view.private_metadata);
  if (!meta) return null;
  const control: Control = {
    actor: actor(body.user.id, body.user.name),
    place: slackPlace(teamOf(body), meta.channel),
    action: meta.action,
    key: meta.key,
  };
  return { meta, control, fields: readSubmission(body.view.state.values) };
}

/** The request a submitted form runs (replies go to the user ephemerally: a form has no response_url). */
export function submitRequest(
  body: ViewSubmitAction,
  s: NonNullable<ReturnType<typeof submitted>>,
): ChatRequest {
  const replyTo: SlackReplyTo = { userId: body.user.id };
  return {
    actor: s.control.actor,
    place: s.control.place,
    ask: {
      kind: 'action',
      action: s.meta.action,
      key: s.meta.key,
      ...(s.meta.value !== undefined ? { value: s.meta.value } : {}),
      fields: s.fields,
    },
    source: 'modal',
    delivery: `${teamOf(body)}:view:${body.view.id}`,
    replyTo,
  };
}
