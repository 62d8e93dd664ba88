// Bolt listeners: every request is recorded in the store (pending, so another replica can finish it
// if this one dies), acked, then its work is queued behind pending acks. The handlers live in
// slash.ts, clicks.ts and submissions.ts; repeats are claimed in the store there.
import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import { deliveryKey } from '../../commands/idempotency.js';
import type { View } from '../../src/chat.js';
import { decodeActionId } from './action-id.js';
import { onClick } from './clicks.js';
import type { ListenerDeps } from './listener-deps.js';
import { MODAL_CALLBACK_ID } from './modal.js';
import type { PendingKind } from './pending.js';
import { onSlash } from './slash.js';
import { checkSubmission, onSubmit } from './submissions.js';

export type { ListenerDeps } from './listener-deps.js';

const ACTION_ID = /^(modal:)?[a-z][\w.-]*:[^:]*(:\d+)?$/i;
const BUSY = 'Video ChatOps is very busy right now; please try again in a minute.';

/** Registers the /video command, card actions, modal submissions and uninstall events on `app`. */
export function registerListeners(app: App, d: ListenerDeps): void {
  app.command('/video', async (args) => {
    if (d.work.full) return void (await args.ack({ response_type: 'ephemeral', text: BUSY }));
    const c = args.command;
    const run = await durable(d, `${c.team_id}:${c.trigger_id}`, 'slash', c);
    await args.ack();
    run(() => guarded(d, c.response_url, () => onSlash(args, d)));
  });
  app.action<BlockAction>({ type: 'block_actions', action_id: ACTION_ID }, async (args) => {
    // A modal must open within 3 s of the click, so it does not wait behind other work; nor is it
    // recorded, since no other replica could open it in time.
    if (decodeActionId(args.action.action_id)?.opensModal) {
      await args.ack();
      return d.work.now(() => guarded(d, args.body.response_url, () => onClick(args, d)));
    }
    if (d.work.full) return void (await args.ack());
    const team = args.body.team?.id ?? args.body.user.team_id ?? '';
    const run = await durable(d, `${team}:${args.body.trigger_id}`, 'click', args.body);
    await args.ack();
    run(() => guarded(d, args.body.response_url, () => onClick(args, d)));
  });
  app.view<ViewSubmitAction>(MODAL_CALLBACK_ID, async (args) => {
    // Validation happens before the ack: Slack shows field errors only in the ack itself.
    const checked = await checkSubmission(args, d);
    if (!checked.ok) return void (await args.ack({ response_action: 'errors', errors: checked.errors }));
    const meta = checked.meta;
    if (!meta) return void (await args.ack());
    const team = args.body.team?.id ?? args.body.user.team_id ?? '';
    const run = await durable(d, `${team}:view:${args.view.id}`, 'submit', args.body);
    await args.ack();
    run(() => guarded(d, undefined, () => onSubmit(args, meta, checked.fields, d)));
  });
  const workspaceOf = (body: { enterprise_id?: string; is_enterprise_install?: boolean; team_id: string }) =>
    body.enterprise_id && body.is_enterprise_install ? body.enterprise_id : body.team_id;
  app.event('app_uninstalled', async ({ body }) => d.work.run(() => d.uninstall(workspaceOf(body))));
  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) d.work.run(() => d.uninstall(workspaceOf(body)));
  });
}

type Runner = (task: () => Promise<View | undefined>) => void;

/**
 * Records a request under its idempotency key before the ack (one INSERT) and returns how to run its
 * work: queued and then marked done; or not at all for a repeat delivery, which the first delivery's
 * replica (or the one that takes it over if that replica dies) answers.
 */
async function durable(d: ListenerDeps, key: string, kind: PendingKind, payload: unknown): Promise<Runner> {
  const pending = d.pending;
  const id = deliveryKey('slack', key);
  const recorded = pending ? await pending.record(id, kind, payload) : 'unrecorded';
  if (recorded === 'repeat') return () => undefined;
  if (recorded === 'unrecorded' || !pending) return (task) => d.work.run(task);
  return (task) => d.work.run(() => pending.run(id, task));
}

/** Runs post-ack work; an unexpected failure (store down, Slack unreachable) is logged and, when
 * possible, told to the person in one ephemeral sentence. */
export async function guarded(
  d: ListenerDeps,
  responseUrl: string | undefined,
  work: () => Promise<View | undefined>,
): Promise<View | undefined> {
  try {
    return await work();
  } catch (err) {
    d.log.error('slack request failed after ack', { err });
    if (responseUrl)
      await d
        .respond(responseUrl, {
          response_type: 'ephemeral',
          text: 'Something went wrong on our side; it has been logged, please try again.',
        })
        .catch(() => {});
    return undefined;
  }
}
