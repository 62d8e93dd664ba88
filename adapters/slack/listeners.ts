// The Slack requests we answer: each becomes a neutral request, goes through the core's front door
// before the ack (which records it durably), is acked, and then runs. A button that opens a form
// opens it right after the ack (Slack's trigger dies 3 s after the click); a submitted form is
// checked before the ack, since Slack shows field errors only in the ack itself.
//
// One Bolt global middleware routes them all, instead of one Bolt listener per kind: Bolt runs every
// registered listener's matcher chain (a copied array, async closures, a Promise.allSettled) for
// every request, and six of them cost about a tenth of the CPU of a `/video mute all`
// (docs/bench/slack.md, stop 22). A request that matches nothing here runs nothing and is not acked
// (the server then answers it an empty 204), as with Bolt's listeners.
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
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
  /** Publishes a person's App Home tab (a page of their meetings and recordings). */
  home(teamId: string, userId: string, page?: number): Promise<void>;
  /** Removes a workspace's installation (multi-workspace mode). */
  uninstall(teamId: string): Promise<void>;
}

const ACTION_ID = /^(modal:)?[a-z][\w.-]*:[^:]*(:\d+)?$/i;

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** Registers the handling of /video, card actions, form submissions and the app's events on `app`. */
export function registerListeners(app: App, d: ListenerDeps): void {
  const action = onAction(d);
  const view = onView(d);
  const event = onEvent(d);
  app.use(async (args: Args) => {
    if ('command' in args) {
      if (args.command.command === '/video') await onSlash(d, args.command, args.ack);
    } else if ('action' in args) {
      const a = args as SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
      if (a.body.type === 'block_actions' && ACTION_ID.test(a.action.action_id)) await action(a);
    } else if ('view' in args) {
      const body = args.body as SlackViewMiddlewareArgs['body'];
      if (body.type === 'view_submission' && args.view.callback_id === MODAL_CALLBACK_ID)
        await view(body, args.ack);
    } else if ('event' in args) await event(args as SlackEventMiddlewareArgs);
  });
}

/** An ephemeral one-line answer through a response_url (when there is one); never throws. */
const teller = (d: ListenerDeps) => (url: string | undefined, text: string) => {
  if (url)
    void d
      .respond(url, { response_type: 'ephemeral', replace_original: false, text })
      .catch((err: unknown) => d.log.warn('slack reply failed', { err }));
};

/** `/video ...`. */
async function onSlash(
  { door }: ListenerDeps,
  command: Parameters<typeof slashRequest>[0],
  ack: (r?: { response_type: 'ephemeral'; text: string }) => Promise<void>,
): Promise<void> {
  const answer = await door.accept(slashRequest(command));
  if (answer.kind === 'busy') return void (await ack({ response_type: 'ephemeral', text: answer.text }));
  await ack();
  if (answer.kind === 'accepted') void door.run(answer.ticket);
}

/** A click on one of our controls (a card, a message, the App Home tab). */
function onAction(d: ListenerDeps) {
  const { door } = d;
  const tell = teller(d);
  return async ({
    body,
    action,
    ack,
    client,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    const c = clicked(body, action);
    if (!c) return void (await ack());
    // Previous/Next in the App Home tab publish its next page in place.
    if (body.view?.type === 'home' && c.control.action === 'recordings') {
      await ack();
      return d.home(c.control.place.teamId, c.control.actor.id, Number(c.value) || 1);
    }
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
        return tell(body.response_url, 'That form is no longer available; use the `/video` command instead.');
      await client.views
        .open({ trigger_id: body.trigger_id, view })
        .catch((err: unknown) => d.log.warn('could not open a Slack form', { err }));
      return;
    }
    const answer = await door.accept(clickRequest(body, action, c));
    await ack();
    if (answer.kind === 'busy') tell(body.response_url, answer.text);
    if (answer.kind === 'accepted') void door.run(answer.ticket);
  };
}

/** A submitted form of ours. */
function onView({ door }: ListenerDeps) {
  return async (body: ViewSubmitAction, ack: SlackViewMiddlewareArgs['ack']) => {
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
  };
}

/** The Events API events we subscribe to (Bolt has acked them already). */
function onEvent(d: ListenerDeps) {
  const workspaceOf = (body: { enterprise_id?: string; is_enterprise_install?: boolean; team_id: string }) =>
    body.enterprise_id && body.is_enterprise_install ? body.enterprise_id : body.team_id;
  const uninstall = (teamId: string) =>
    void d.uninstall(teamId).catch((err: unknown) => d.log.warn('could not remove an installation', { err }));
  return async ({ event, body }: SlackEventMiddlewareArgs) => {
    if (event.type === 'app_home_opened') {
      if (event.tab === 'home') await d.home(body.team_id, event.user);
    } else if (event.type === 'app_uninstalled') uninstall(workspaceOf(body));
    else if (event.type === 'tokens_revoked' && (event.tokens.bot ?? []).length > 0)
      uninstall(workspaceOf(body));
  };
}
