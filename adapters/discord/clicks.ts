import { ButtonStyle, ComponentType, InteractionResponseType, MessageFlags } from 'discord.js';
import type { Confirm, Place } from '../../src/chat.js';
import type { CardService } from '../../src/cards/types.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import type { ActionRequest, Command } from '../../commands/types.js';
import { decodeCustomId, encodeCustomId, type ComponentRef } from './custom-id.js';
import { NO_KEY, type DeliveryMode } from './deliver.js';
import type { Outcome } from './deferral.js';
import { extrasIn, type ComponentExtras, type ComponentMemory } from './memory.js';
import { toDiscordMarkdown } from './markdown.js';
import { renderModal } from './modal.js';
import { selectedLabel, userOf, type Interaction } from './payload.js';
import type { InteractionReplies } from './replies.js';
import type { ModeratorRoles } from './roles.js';

// Component clicks. Running an action is deferred ("deferred update") and done after the response;
// a modal or a confirmation prompt must BE the first response, so those are answered at once from
// what the render remembered (or the meeting's freshly rendered card after a restart).

/** What click handling needs besides the core. */
export interface ClickDeps {
  replies: InteractionReplies;
  roles: ModeratorRoles;
  memory: ComponentMemory;
  cards?: Pick<CardService, 'view'>;
  commands: ReadonlyArray<Pick<Command, 'name' | 'role'>>;
  moderatorIds?: ReadonlySet<string>;
  store: Pick<Store, 'claimKey' | 'getMeeting' | 'getActiveMeetingInChannel'>;
  log: Logger;
}

/** An action request before the actor (resolved after the first response) is known. */
export type PendingAction = Omit<ActionRequest, 'actor'>;

const ephemeral = (content: string, components: unknown[] = []): Outcome => ({
  status: 200,
  response: {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, components, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
  },
});
const DEFAULT_CONFIRM: Confirm = { title: 'Are you sure?', text: '', confirm: 'Confirm', deny: 'Cancel' };

/** Answers a component click; `run` defers and schedules the action. */
export async function handleClick(
  deps: ClickDeps,
  i: Interaction,
  place: Place,
  run: (req: PendingAction, mode: DeliveryMode) => Outcome,
): Promise<Outcome> {
  const ref = decodeCustomId(i.data?.custom_id ?? '');
  if (!ref) return ephemeral('This button is from an older card; run `/video status` for a fresh one.');
  const value = ref.value ?? i.data?.values?.[0];
  const req: PendingAction = {
    place,
    action: ref.action,
    key: ref.key,
    idempotencyKey: i.id,
    source: i.data?.values ? 'select' : 'button',
  };
  if (value !== undefined) req.value = value;
  switch (ref.kind) {
    case 'run':
      return run(req, 'clicked');
    case 'confirmed':
      return run({ ...req, source: 'button' }, 'confirmed');
    case 'cancel':
      return {
        status: 200,
        response: {
          type: InteractionResponseType.UpdateMessage,
          data: { content: 'Cancelled.', embeds: [], components: [] },
        },
      };
    case 'confirm':
    case 'modal': {
      if (!(await mayRun(deps, i, ref)))
        return ephemeral("Only the meeting's host or a moderator can do that.");
      const extras = await extrasFor(deps, ref);
      if (ref.kind === 'modal') {
        if (!extras?.modal)
          return ephemeral('This form is no longer available; run the command with `/video` instead.');
        return {
          status: 200,
          response: { type: InteractionResponseType.Modal, data: renderModal(extras.modal, ref.key, value) },
        };
      }
      return confirmPrompt(
        extras?.confirm ?? DEFAULT_CONFIRM,
        ref,
        value,
        value ? selectedLabel(i, i.data?.custom_id ?? '', value) : undefined,
      );
    }
  }
}

function confirmPrompt(
  c: Confirm,
  ref: ComponentRef,
  value: string | undefined,
  label: string | undefined,
): Outcome {
  const text = toDiscordMarkdown(
    [`**${c.title}**`, c.text, label ? `→ **${label}**` : ''].filter(Boolean).join('\n'),
  );
  const base = { action: ref.action, key: ref.key, value };
  const row = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Danger,
        label: c.confirm.slice(0, 80),
        custom_id: encodeCustomId({ ...base, kind: 'confirmed' }),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: c.deny.slice(0, 80),
        custom_id: encodeCustomId({ ...base, kind: 'cancel' }),
      },
    ],
  };
  return ephemeral(text, [row]);
}

async function extrasFor(deps: ClickDeps, ref: ComponentRef): Promise<ComponentExtras | undefined> {
  if (deps.cards && ref.key !== NO_KEY) {
    try {
      const card = await deps.cards.view(ref.key);
      const found = card ? extrasIn(card, ref.action) : undefined;
      if (found) return found;
    } catch (err) {
      deps.log.warn('discord: could not render the card to find a form', { err });
    }
  }
  return deps.memory.recall(ref.action, ref.key);
}

/** Pre-checks the clicker's role before showing a form or prompt; the core checks again when it runs. */
async function mayRun(deps: ClickDeps, i: Interaction, ref: ComponentRef): Promise<boolean> {
  const words = ref.action.toLowerCase().split(/[.\s]+/);
  const cmd =
    deps.commands.find((c) => c.name === words.slice(0, 2).join(' ')) ??
    deps.commands.find((c) => c.name === words[0]);
  if (!cmd || cmd.role !== 'moderator') return true;
  const user = userOf(i)!;
  if (deps.moderatorIds?.has(user.id)) return true;
  if (await deps.roles.isModerator(i.guild_id, i.member)) return true;
  try {
    const meeting = await deps.store.getMeeting(ref.key);
    return meeting?.platform === 'discord' && meeting.hostId === user.id;
  } catch {
    return true; // the core's own check still applies when the action runs
  }
}
