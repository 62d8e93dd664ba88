// Bolt listeners: every request is acked first, then its work is queued behind pending acks. The
// handlers live in slash.ts, clicks.ts and submissions.ts; repeats are claimed in the store there.
import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import { decodeActionId } from './action-id.js';
import { onClick } from './clicks.js';
import type { ListenerDeps } from './listener-deps.js';
import { MODAL_CALLBACK_ID } from './modal.js';
import { onSlash } from './slash.js';
import { checkSubmission, onSubmit } from './submissions.js';

export type { ListenerDeps } from './listener-deps.js';

const ACTION_ID = /^(modal:)?[a-z][\w.-]*:[^:]*(:\d+)?$/i;
const BUSY = 'Video ChatOps is very busy right now; please try again in a minute.';

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
    if (checked.meta)
      d.work.run(() => guarded(d, undefined, () => onSubmit(args, checked.meta!, checked.fields, d)));
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
async function guarded(
  d: ListenerDeps,
  responseUrl: string | undefined,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    d.log.error('slack request failed after ack', { err });
    if (responseUrl)
      await d
        .respond(responseUrl, {
          response_type: 'ephemeral',
          text: 'Something went wrong on our side; it has been logged, please try again.',
        })
        .catch(() => {});
  }
}
