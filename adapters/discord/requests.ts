import type { ChatRequest, Control, RequestActor } from '../../commands/front-door.js';
import type { Place } from '../../src/chat.js';
import type { ComponentRef } from './custom-id.js';
import { readModalFields } from './modal.js';
import { commandOf, userOf, type Interaction } from './payload.js';
import { hasModeratorPermission } from './roles.js';
import { registryName } from './slash-command.js';

// Discord interactions -> neutral chat requests: who (with the moderator permissions the interaction
// carries), where, what, and where the reply goes (the interaction's webhook, and how it was acked).

/** Interaction tokens live 15 minutes; keep a margin for the REST call itself. */
export const TOKEN_LIFETIME_MS = 14 * 60_000;

/** How the first response acknowledged the interaction, which decides how the result is delivered. */
export type DeliveryMode = 'deferred' | 'clicked' | 'confirmed';

/** Where a Discord reply goes. The token is a bearer secret: it lives only here and in the pending row. */
export interface DiscordReplyTo {
  id: string;
  applicationId: string;
  token: string;
  mode: DeliveryMode;
}

/** The acting member as a neutral actor: their permissions already make them a moderator or not. */
export function actorOf(i: Interaction): RequestActor {
  const user = userOf(i)!;
  return {
    platform: 'discord',
    id: user.id,
    name: user.name,
    moderator: hasModeratorPermission(i.member?.permissions),
    ...(i.member?.roles?.length ? { roles: i.member.roles } : {}),
  };
}

function base(i: Interaction, place: Place, mode: DeliveryMode, now: number) {
  const replyTo: DiscordReplyTo = { id: i.id, applicationId: i.application_id, token: i.token, mode };
  return { actor: actorOf(i), place, delivery: i.id, replyTo, replyBy: now + TOKEN_LIFETIME_MS };
}

/** `/video <subcommand> [options]`, or null when no subcommand was picked. */
export function commandRequest(
  i: Interaction,
  place: Place,
  names: ReadonlyArray<{ name: string }>,
  now: number,
): ChatRequest | null {
  const cmd = commandOf(i.data?.options);
  if (!cmd) return null;
  const command = registryName(cmd.command, names);
  // Assigned onto base() rather than spread into a literal: the spread-then-define literal took V8's
  // slow property-definition path on every interaction (perf, 2026-12-06).
  return Object.assign(base(i, place, 'deferred', now), {
    ask: { kind: 'command' as const, command, options: cmd.options },
    source: 'slash' as const,
  });
}

/** A submitted form whose custom ID names its action and meeting. */
export function submitRequest(i: Interaction, place: Place, target: ComponentRef, now: number): ChatRequest {
  const fields = readModalFields(i.data?.components);
  const ask = {
    kind: 'action' as const,
    action: target.action,
    key: target.key,
    fields,
    ...(target.value !== undefined ? { value: target.value } : {}),
  };
  return { ...base(i, place, 'deferred', now), ask, source: 'modal' };
}

/** A component click that runs its action (`mode`: a plain click, or the "yes" of a confirmation). */
export function clickRequest(
  i: Interaction,
  place: Place,
  ref: ComponentRef,
  mode: 'clicked' | 'confirmed',
  now: number,
): ChatRequest {
  const value = ref.value ?? i.data?.values?.[0];
  const ask = {
    kind: 'action' as const,
    action: ref.action,
    key: ref.key,
    ...(value !== undefined ? { value } : {}),
  };
  const source = i.data?.values && mode === 'clicked' ? 'select' : 'button';
  return { ...base(i, place, mode, now), ask, source };
}

/** The control a click names, before it opens a form or a confirmation. */
export function controlOf(i: Interaction, place: Place, ref: ComponentRef): Control {
  return { actor: actorOf(i), place, action: ref.action, key: ref.key };
}
