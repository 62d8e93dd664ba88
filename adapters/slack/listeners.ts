// Bolt listeners: every request is acked first, then translated into an Invocation or ActionRequest
// for the core. Repeated deliveries (same trigger) and double clicks (same user, message, control,
// value within a few seconds) are claimed in the store, so they have one effect across replicas.
import type { AllMiddlewareArgs, App, BlockAction, BlockElementAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Place } from '../../src/chat.js';
import { dispatch, dispatchAction } from '../../commands/dispatch.js';
import { commandByName } from '../../commands/lookup.js';
import { canModerate, roleOf } from '../../commands/roles.js';
import type { Command, CommandContext } from '../../commands/types.js';
import { decodeActionId } from './action-id.js';
import { deliver, type DeliverDeps } from './deliver.js';

import { ModalCache } from './modal-cache.js';
import { MODAL_CALLBACK_ID, readModalMetadata, readSubmission, renderModal } from './modal.js';
import type { SlackRoles } from './roles.js';
import type { WorkQueue } from './work-queue.js';
import { submissionErrors } from './validate.js';

/** What the listeners need. */
export interface ListenerDeps extends DeliverDeps {
  ctx: CommandContext;
  roles: SlackRoles;
  commands: readonly Command[];
  /** Removes a workspace's installation (multi-workspace mode). */
  uninstall(teamId: string): Promise<void>;
  /** Runs the work that follows each ack, after pending acks. */
  work: WorkQueue;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const DELIVERY_TTL_MS = 10 * 60_000;
const DOUBLE_CLICK_MS = 3000;
const ACTION_ID = /^(modal:)?[a-z][\w.-]*:[^:]*(:\d+)?$/i;

const BUSY = 'Video ChatOps is very busy right now; please try again in a minute.';

const place = (teamId: string, channelId: string): Place => ({ platform: 'slack', teamId, channelId });

/** Registers the /video command, card actions, modal submissions and uninstall events on `app`. */
export function registerListeners(app: App, d: ListenerDeps): void {
  app.command('/video', async (args) => {
    if (d.work.full) return void (await args.ack({ response_type: 'ephemeral', text: BUSY }));
    await args.ack();
    d.work.run(() => guarded(d, args.command.response_url, () => onSlash(args, d)));
  });
  app.action<BlockAction>({ type: 'block_actions', action_id: ACTION_ID }, async (args) => {
    await args.ack();
    const task = () => guarded(d, args.body.response_url, () => onClick(args, d));
    // A modal must open within 3 s of the click, so it does not wait behind other work.
    if (decodeActionId(args.action.action_id)?.opensModal) d.work.now(task);
    else if (!d.work.full) d.work.run(task);
  });
  app.view<ViewSubmitAction>(MODAL_CALLBACK_ID, async (args) => {
    // Validation happens before the ack: Slack shows field errors only in the ack itself.
    const checked = await checkSubmission(args, d);
    if (!checked.ok) return void (await args.ack({ response_action: 'errors', errors: checked.errors }));
    await args.ack();
    if (checked.meta) d.work.run(() => guarded(d, undefined, () => onSubmit(args, checked.meta!, checked.fields, d)));
  });
  const workspaceOf = (body: { enterprise_id?: string; is_enterprise_install?: boolean; team_id: string }) =>
    body.enterprise_id && body.is_enterprise_install ? body.enterprise_id : body.team_id;
  app.event('app_uninstalled', async ({ body }) => d.work.run(() => d.uninstall(workspaceOf(body))));
  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) d.work.run(() => d.uninstall(workspaceOf(body)));
  });
}

/** Runs post-ack work; an unexpected failure (store down, Slack unreachable) is logged and, when
 * possible, told to the person in one ephemeral sentence. */
async function guarded(d: ListenerDeps, responseUrl: string | undefined, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    d.log.error('slack request failed after ack', { err });
    if (responseUrl) await d.respond(responseUrl, { response_type: 'ephemeral', text: 'Something went wrong on our side; it has been logged, please try again.' }).catch(() => {});
  }
}

function first(d: ListenerDeps, scope: string, key: string, ttl: number): Promise<boolean> {
  return d.store.claimKey(scope, key, ttl, d.now());
}

async function onSlash({ command, client }: CommandArgs, d: ListenerDeps): Promise<void> {
  const team = command.team_id;
  if (!(await first(d, 'slack-delivery', `cmd:${team}:${command.trigger_id}`, DELIVERY_TTL_MS))) return;
  const actor = await d.roles.actor(team, command.user_id, command.user_name);
  const where = place(team, command.channel_id);
  const view = await dispatch({ actor, place: where, text: command.text, idempotencyKey: `${team}:${command.trigger_id}`, source: 'slash' }, d.ctx);
  await deliver(view, { place: where, userId: command.user_id, client, responseUrl: command.response_url, triggerId: command.trigger_id }, d);
}

async function onClick({ body: b, action: raw, client }: ActionArgs, d: ListenerDeps): Promise<void> {
  const action = raw as BlockElementAction & { url?: string };
  const decoded = decodeActionId(action.action_id);
  if (!decoded || (action.type === 'button' && action.url)) return;
  const team = b.team?.id ?? b.user.team_id ?? '';
  const where = place(team, b.channel?.id ?? b.container?.channel_id ?? '');
  if (decoded.opensModal) {
    // The trigger expires 3 s after the click, so only a quick role check (cached users.info) comes
    // first; the core checks again when the form is submitted.
    if (!(await mayOpen(d, team, b.user, decoded.action, decoded.key))) {
      if (b.response_url) await d.respond(b.response_url, { response_type: 'ephemeral', replace_original: false, text: "Only the meeting's host or a moderator can do that." });
      return;
    }
    const modal = ModalCache.find(await d.ctx.cards.view(decoded.key), decoded.action) ?? d.modals.get(decoded.action);
    if (modal) {
      await client.views.open({ trigger_id: b.trigger_id, view: renderModal(modal, { action: decoded.action, key: decoded.key, channel: where.channelId }) });
    } else {
      if (b.response_url) await d.respond(b.response_url, { response_type: 'ephemeral', replace_original: false, text: 'That form is no longer available; use the `/video` command instead.' });
    }
    return;
  }
  const value = action.type === 'button' ? action.value : action.type === 'static_select' ? action.selected_option?.value : undefined;
  const click = `${team}:${b.user.id}:${b.container?.message_ts ?? ''}:${action.action_id}:${value ?? ''}`;
  if (!(await first(d, 'slack-click', click, DOUBLE_CLICK_MS))) return;
  if (!(await first(d, 'slack-delivery', `act:${team}:${b.trigger_id}`, DELIVERY_TTL_MS))) return;
  const actor = await d.roles.actor(team, b.user.id, b.user.name ?? b.user.username ?? '');
  const source = action.type === 'static_select' ? 'select' : 'button';
  const req = { actor, place: where, action: decoded.action, key: decoded.key, idempotencyKey: `${team}:${b.trigger_id}`, source } as const;
  const view = await dispatchAction(value !== undefined ? { ...req, value } : req, d.ctx);
  await deliver(view, { place: where, userId: b.user.id, client, responseUrl: b.response_url, triggerId: b.trigger_id, meetingKey: decoded.key }, d);
}

/** Whether the clicker may open the form of a moderator-only action. */
async function mayOpen(d: ListenerDeps, team: string, user: BlockAction['user'], action: string, key: string): Promise<boolean> {
  const cmd = commandByName(d.commands, action.replace(/\./g, ' ')) ?? commandByName(d.commands, action.split('.')[0] ?? '');
  if (!cmd || cmd.role !== 'moderator') return true;
  const [meeting, actor] = await Promise.all([d.store.getMeeting(key), d.roles.actor(team, user.id, user.name ?? '')]);
  return canModerate(roleOf(actor, meeting ?? undefined, d.ctx));
}

type Checked =
  | { ok: true; meta: ReturnType<typeof readModalMetadata>; fields: ReturnType<typeof readSubmission> }
  | { ok: false; errors: Record<string, string> };

async function checkSubmission({ view }: ViewArgs, d: ListenerDeps): Promise<Checked> {
  const meta = readModalMetadata(view.private_metadata);
  const fields = readSubmission(view.state.values);
  if (!meta) return { ok: true, meta, fields };
  const modal = ModalCache.find(await d.ctx.cards.view(meta.key), meta.action) ?? d.modals.get(meta.action);
  const errors = modal ? submissionErrors(modal, meta.key, fields, d.commands) : {};
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, meta, fields };
}

async function onSubmit(
  { body, view, client }: ViewArgs,
  meta: NonNullable<ReturnType<typeof readModalMetadata>>,
  fields: ReturnType<typeof readSubmission>,
  d: ListenerDeps,
): Promise<void> {
  const team = body.team?.id ?? body.user.team_id ?? '';
  if (!(await first(d, 'slack-delivery', `view:${team}:${view.id}`, DELIVERY_TTL_MS))) return;
  const actor = await d.roles.actor(team, body.user.id, body.user.name);
  const where = place(team, meta.channel);
  const req = { actor, place: where, action: meta.action, key: meta.key, fields, idempotencyKey: `${team}:view:${view.id}`, source: 'modal' } as const;
  const reply = await dispatchAction(req, d.ctx);
  await deliver(reply, { place: where, userId: body.user.id, client, meetingKey: meta.key }, d);
}
