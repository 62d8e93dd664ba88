import { ButtonStyle, ComponentType, InteractionResponseType, MessageFlags } from 'discord.js';
import type { Confirm, Place } from '../../src/chat.js';
import type { FrontDoor } from '../../commands/front-door.js';
import { decodeCustomId, encodeCustomId, type ComponentRef } from './custom-id.js';
import { toDiscordMarkdown } from './markdown.js';
import { renderModal } from './modal.js';
import { selectedLabel, type Interaction } from './payload.js';
import { controlOf } from './requests.js';

// Component clicks that must be answered by their first response: a form (type 9) or a
// confirmation prompt, found and checked by the core's front door; "no" on a prompt. Clicks that
// run an action go through the front door's accept/run like any request (see handler.ts).

/** A first response to write, before any work. */
export interface FirstResponse {
  status: number;
  response: unknown;
}

/** An ephemeral one-line answer as the first response. */
export const say = (content: string, components: unknown[] = []): FirstResponse => ({
  status: 200,
  response: {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, components, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
  },
});

const DEFAULT_CONFIRM: Confirm = { title: 'Are you sure?', text: '', confirm: 'Confirm', deny: 'Cancel' };

/** What a click asks for: to run its action (`mode`), or a first response that is the whole answer. */
export type Click =
  | { kind: 'run'; ref: ComponentRef; mode: 'clicked' | 'confirmed' }
  | { kind: 'answer'; first: FirstResponse };

/** Decides what a component click does; forms and prompts are answered here. */
export async function onClick(door: FrontDoor, i: Interaction, place: Place): Promise<Click> {
  const ref = decodeCustomId(i.data?.custom_id ?? '');
  if (!ref) return answer(say('This button is from an older card; run `/video status` for a fresh one.'));
  const value = ref.value ?? i.data?.values?.[0];
  switch (ref.kind) {
    case 'run':
      return { kind: 'run', ref, mode: 'clicked' };
    case 'confirmed':
      return { kind: 'run', ref, mode: 'confirmed' };
    case 'cancel':
      return answer({
        status: 200,
        response: {
          type: InteractionResponseType.UpdateMessage,
          data: { content: 'Cancelled.', embeds: [], components: [] },
        },
      });
    case 'confirm':
    case 'modal': {
      const opening = await door.open(controlOf(i, place, ref));
      if (!opening.ok) return answer(say(opening.text));
      if (ref.kind === 'modal') {
        if (!opening.modal)
          return answer(say('This form is no longer available; run the command with `/video` instead.'));
        return answer({
          status: 200,
          response: { type: InteractionResponseType.Modal, data: renderModal(opening.modal, ref.key, value) },
        });
      }
      const label = value ? selectedLabel(i, i.data?.custom_id ?? '', value) : undefined;
      return answer(confirmPrompt(opening.confirm ?? DEFAULT_CONFIRM, ref, value, label));
    }
  }
}

const answer = (first: FirstResponse): Click => ({ kind: 'answer', first });

function confirmPrompt(
  c: Confirm,
  ref: ComponentRef,
  value: string | undefined,
  label: string | undefined,
): FirstResponse {
  // The question names its target: `Remove participant "Bob"?`.
  const title = label ? c.title.replace(/\??$/, ` "${label}"?`) : c.title;
  const text = toDiscordMarkdown([`**${title}**`, c.text].filter(Boolean).join('\n'));
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
  return say(text, [row]);
}
