import { InteractionResponseType, MessageFlags } from 'discord.js';
import type { Actor, View } from '../../src/chat.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import { deliver, NO_KEY, type DeliveryMode } from './deliver.js';
import type { ComponentMemory } from './memory.js';
import { userOf, type Interaction } from './payload.js';
import type { InteractionReplies } from './replies.js';
import type { ModeratorRoles } from './roles.js';
import { TOKEN_LIFETIME_MS } from './work-queue.js';

// Ack first, work second: the first response is a deferral chosen by the delivery mode, and the work
// (role lookup, the core, delivering the result) runs after it. A repeated interaction ID gets the
// same ack and no work, so nothing is done twice.

/** A first response and the work that must wait until Discord has it. */
export interface Outcome {
  status: number;
  response: unknown;
  after?: () => Promise<void>;
}

/** What deferred work needs. */
export interface DeferralDeps {
  store: Pick<Store, 'claimKey' | 'getActiveMeetingInChannel'>;
  replies: InteractionReplies;
  roles: ModeratorRoles;
  memory: ComponentMemory;
  log: Logger;
}

/** Shown when the core or the delivery failed, so nobody is left looking at "thinking…". */
export const FAILED_TEXT =
  '❌ Something went wrong while handling that; it has been logged, please try again.';
const FAILED: View = { visibility: 'ephemeral', blocks: [{ type: 'text', text: FAILED_TEXT }] };

const FIRST: Record<DeliveryMode, unknown> = {
  // Ephemeral, so errors and personal links never leak; channel-wide results follow up publicly.
  deferred: {
    type: InteractionResponseType.DeferredChannelMessageWithSource,
    data: { flags: MessageFlags.Ephemeral },
  },
  clicked: { type: InteractionResponseType.DeferredMessageUpdate },
  confirmed: {
    type: InteractionResponseType.UpdateMessage,
    data: { content: '⏳ Working on it…', embeds: [], components: [] },
  },
};

/** Acks interaction `i` for `mode` and returns the work that runs `run` as the clicker and delivers its view (`rerun`: no repeat check). */
export function defer(
  deps: DeferralDeps,
  i: Interaction,
  mode: DeliveryMode,
  key: string,
  run: (actor: Actor) => Promise<View>,
  rerun = false,
): Outcome {
  const ref = { id: i.id, applicationId: i.application_id, token: i.token };
  const after = async () => {
    // Discord may deliver an interaction again (or two replicas may see it): every delivery gets the
    // same ack, only the first does the work. Claimed here, not before the ack, so no store write
    // (SQLite fsyncs at checkpoints) sits between Discord and its 3-second deadline.
    // A re-run (taken over from a replica that died) skips it: the dead replica made the claim.
    if (!rerun && !(await claim(deps, i.id))) return;
    let view: View;
    try {
      const user = userOf(i)!;
      const moderator = await deps.roles.isModerator(i.guild_id, i.member);
      view = await run({ platform: 'discord', id: user.id, name: user.name, moderator });
    } catch (err) {
      deps.log.error('discord: command failed', { interaction: i.id, err });
      view = FAILED;
    }
    try {
      await deliver(deps.replies, ref, view, mode, {
        memory: deps.memory,
        key: await formKey(deps, i, view, key),
      });
    } catch (err) {
      deps.log.error('discord: could not deliver a result', { interaction: i.id, err });
      await deps.replies.editOriginal(ref, { content: FAILED_TEXT, embeds: [], components: [] });
    }
  };
  return { status: 200, response: FIRST[mode], after };
}

/** A form that arrives after a deferral gets a button, which needs the meeting's key (the channel's, for slash commands). */
async function formKey(deps: DeferralDeps, i: Interaction, view: View, key: string): Promise<string> {
  if (!view.modal || key !== NO_KEY || !i.guild_id) return key;
  const m = await deps.store.getActiveMeetingInChannel(
    'discord',
    i.guild_id,
    i.channel_id ?? i.channel?.id ?? '',
  );
  return m?.id ?? NO_KEY;
}

async function claim(deps: DeferralDeps, id: string): Promise<boolean> {
  try {
    return await deps.store.claimKey('discord.interaction', id, TOKEN_LIFETIME_MS + 60_000);
  } catch (err) {
    // Doing the work is better than dropping it when the store hiccups; the core dedupes again.
    deps.log.warn('discord: could not record interaction id', { err });
    return true;
  }
}
