// Re-running a request taken over from a replica that died after acking it: the stored Bolt payload
// becomes the handler's arguments again, with a Web API client for the request's workspace. The
// handlers skip their repeat checks (the dead replica may have passed them); the core's
// idempotency key still returns a reply the dead replica stored, instead of running twice.
import type { BlockAction, SlashCommand, ViewSubmitAction, webApi } from '@slack/bolt';
import type { View } from '../../src/chat.js';
import { onClick } from './clicks.js';
import { guarded } from './listeners.js';
import type { ListenerDeps } from './listener-deps.js';
import { readModalMetadata, readSubmission } from './modal.js';
import type { PendingKind } from './pending.js';
import { onSlash } from './slash.js';
import { onSubmit } from './submissions.js';

/** A Web API client authorised for a workspace. */
export type ClientFor = (teamId: string) => Promise<webApi.WebClient>;

/** Builds the re-run function of {@link PendingCommands} over the listeners' dependencies. */
export function rerunner(d: ListenerDeps, clientFor: ClientFor) {
  return async (kind: PendingKind, payload: unknown): Promise<View | undefined> => {
    switch (kind) {
      case 'slash': {
        const command = payload as SlashCommand;
        const client = await clientFor(command.team_id);
        return guarded(d, command.response_url, () => onSlash({ command, client }, d, true));
      }
      case 'click': {
        const body = payload as BlockAction;
        const action = body.actions[0];
        if (!action) return undefined;
        const client = await clientFor(body.team?.id ?? body.user.team_id ?? '');
        return guarded(d, body.response_url, () => onClick({ body, action, client }, d, true));
      }
      case 'submit': {
        const body = payload as ViewSubmitAction;
        const meta = readModalMetadata(body.view.private_metadata);
        if (!meta) return undefined;
        const client = await clientFor(body.team?.id ?? body.user.team_id ?? '');
        const fields = readSubmission(body.view.state.values);
        return guarded(d, undefined, () =>
          onSubmit({ body, view: body.view, client }, meta, fields, d, true),
        );
      }
    }
  };
}
