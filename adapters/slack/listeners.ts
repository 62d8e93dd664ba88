// Bolt listeners: each Slack request becomes a neutral request, goes through the core's front door
// before the ack (which records it durably), is acked, and then runs. A button that opens a form
// opens it right after the ack (Slack's trigger dies 3 s after the click); a submitted form is
// checked before the ack, since Slack shows field errors only in the ack itself.
import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import type { FrontDoor } from '../../commands/front-door.js';
import type { Logger } from '../../src/log.js';
import { renderConfirm, renderModal, MODAL_CALLBACK_ID } from './modal.js';
import { clicked, clickRequest, slashRequest, submitRequest, submitted } from './requests.js';
import type { Responder } from './response-url.js';

/** What the listeners need. */
export interface ListenerDeps {
  door: FrontDoor;
  respond: Responder;
  log: Logger;
  /** Removes a workspace's installation (multi-workspace mode). */
  uninstall(teamId: string): Promise<void>;
}

const ACTION_ID = /^(modal:)?[a-z][\w.-]*:[^:]*(:\d+)?$/i;

/** Registers the /video command, card actions, form submissions and uninstall events on `app`. */
export function registerListeners(app: App, d: ListenerDeps): void {
  const { door } = d;
  const tell = (url: string | undefined, text: string) => {
    if (url)
      void d
        .respond(url, { response_type: 'ephemeral', replace_original: false, text })
        .catch((err: unknown) => d.log.warn('slack reply failed', { err }));
  };

  app.command('/video', async ({ command, ack }) => {
    const answer = await door.accept(slashRequest(command));
    if (answer.kind === 'busy') return void (await ack({ response_type: 'ephemeral', text: answer.text }));
    await ack();
    if (answer.kind === 'accepted') void door.run(answer.ticket);
  });

  app.action<BlockAction>(
    { type: 'block_actions', action_id: ACTION_ID },
    async ({ body, action, ack, client }) => {
      const c = clicked(body, action);
      if (!c) return void (await ack());
      if (c.decoded.opensModal) {
        await ack();
        // The form opens within Slack's 3 s of the click, ahead of queued work; the core checks the
        // place and the role first, and again when the form is submitted.
        const opening = await door.open(c.control);
        if (!opening.ok) return tell(body.response_url, opening.text);
        const meta = {
          action: c.control.action,
          key: c.control.key,
          channel: c.control.place.channelId,
          ...(c.value !== undefined ? { value: c.value } : {}),
        };
        const picked =
          action.type === 'static_select' ? (action.selected_option?.text?.text ?? undefined) : undefined;
        const view = opening.modal
          ? renderModal(opening.modal, meta)
          : opening.confirm
            ? renderConfirm(opening.confirm, meta, picked)
            : null;
        if (!view)
          return tell(
            body.response_url,
            'That form is no longer available; use the `/video` command instead.',
          );
        await client.views
          .open({ trigger_id: body.trigger_id, view })
          .catch((err: unknown) => d.log.warn('could not open a Slack form', { err }));
        return;
      }
      const answer = await door.accept(clickRequest(body, action, c));
      await ack();
      if (answer.kind === 'busy') tell(body.response_url, answer.text);
      if (answer.kind === 'accepted') void door.run(answer.ticket);
    },
  );

  app.view<ViewSubmitAction>(MODAL_CALLBACK_ID, async ({ body, ack }) => {
    const s = submitted(body);
    if (!s) return void (await ack());
    const errors = await door.check(s.control, s.fields);
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
    const answer = await door.accept(submitRequest(body, s));
    if (answer.kind === 'busy') {
      const first = Object.keys(s.fields)[0] ?? 'form';
      return void (await ack({ response_action: 'errors', errors: { [first]: answer.text } }));
    }
    await ack();
    if (answer.kind === 'accepted') void door.run(answer.ticket);
  });

  const workspaceOf = (body: { enterprise_id?: string; is_enterprise_install?: boolean; team_id: string }) =>
    body.enterprise_id && body.is_enterprise_install ? body.enterprise_id : body.team_id;
  const uninstall = (teamId: string) =>
    void d.uninstall(teamId).catch((err: unknown) => d.log.warn('could not remove an installation', { err }));
  app.event('app_uninstalled', async ({ body }) => uninstall(workspaceOf(body)));
  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) uninstall(workspaceOf(body));
  });
}
