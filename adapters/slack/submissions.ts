// Modal submissions: checked before the ack (Slack shows field errors only in the ack), then run as an
// ActionRequest once per view; replies go by chat.postEphemeral / chat.postMessage (no response_url).
import { dispatchAction } from '../../commands/dispatch.js';
import type { View } from '../../src/chat.js';
import { deliver } from './deliver.js';
import { DELIVERY_TTL_MS, first, place, type ListenerDeps, type ViewArgs } from './listener-deps.js';
import { ModalCache } from './modal-cache.js';
import { readModalMetadata, readSubmission } from './modal.js';
import { submissionErrors } from './validate.js';

/** The outcome of checking a submission: go ahead, or field errors for the ack. */
export type Checked =
  | { ok: true; meta: ReturnType<typeof readModalMetadata>; fields: ReturnType<typeof readSubmission> }
  | { ok: false; errors: Record<string, string> };

/** Reads a submission and checks it against the form and the command's schema (no I/O but the store). */
export async function checkSubmission({ view }: Pick<ViewArgs, 'view'>, d: ListenerDeps): Promise<Checked> {
  const meta = readModalMetadata(view.private_metadata);
  const fields = readSubmission(view.state.values);
  if (!meta) return { ok: true, meta, fields };
  const modal = ModalCache.find(await d.ctx.cards.view(meta.key), meta.action) ?? d.modals.get(meta.action);
  const errors = modal ? submissionErrors(modal, meta.key, fields, d.commands) : {};
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, meta, fields };
}

/** Runs a submitted form through the core and delivers its reply (returned); `recovered` as in onSlash. */
export async function onSubmit(
  { body, view, client }: Pick<ViewArgs, 'body' | 'view' | 'client'>,
  meta: NonNullable<ReturnType<typeof readModalMetadata>>,
  fields: ReturnType<typeof readSubmission>,
  d: ListenerDeps,
  recovered = false,
): Promise<View | undefined> {
  const team = body.team?.id ?? body.user.team_id ?? '';
  if (!recovered && !(await first(d, 'slack-delivery', `view:${team}:${view.id}`, DELIVERY_TTL_MS)))
    return undefined;
  const actor = await d.roles.actor(team, body.user.id, body.user.name);
  const where = place(team, meta.channel);
  const req = {
    actor,
    place: where,
    action: meta.action,
    key: meta.key,
    fields,
    idempotencyKey: `${team}:view:${view.id}`,
    source: 'modal',
  } as const;
  const reply = await dispatchAction(req, d.ctx);
  await deliver(reply, { place: where, userId: body.user.id, client, meetingKey: meta.key }, d);
  return reply;
}
