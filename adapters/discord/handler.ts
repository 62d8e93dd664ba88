import { InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import type { View } from '../../src/chat.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import type { ActionRequest, Invocation } from '../../commands/types.js';
import { handleClick, type ClickDeps } from './clicks.js';
import { deliver, NO_KEY, type DeliveryMode } from './deliver.js';
import { commandOf, InteractionSchema, placeOf, userOf, type Interaction } from './payload.js';
import { readModalFields } from './modal.js';
import { decodeCustomId } from './custom-id.js';
import type { InteractionRef } from './replies.js';
import { registryName } from './slash-command.js';
import { FollowUpQueue, TOKEN_LIFETIME_MS } from './work-queue.js';

// One handler for both transports: it takes Discord's raw interaction payload and returns the first
// response (always immediate: PONG, deferral, modal, confirm prompt) plus the work to do after the
// response is out. The HTTP endpoint writes the response; gateway mode POSTs it to the callback URL.

/** The command core as the adapter uses it (commands/dispatch.ts bound to its context). */
export interface DiscordCore {
  dispatch(inv: Invocation): Promise<View>;
  dispatchAction(req: ActionRequest): Promise<View>;
}

/** Dependencies of {@link InteractionHandler}. */
export interface HandlerDeps extends ClickDeps {
  core: DiscordCore;
  store: Pick<Store, 'claimKey' | 'getMeeting' | 'getActiveMeetingInChannel'>;
  log: Logger;
  /** Follow-up jobs run at once (default 16). */
  maxConcurrent?: number;
}

/** A first response and the work that must wait until Discord has it. */
export interface Outcome {
  status: number;
  response: unknown;
  after?: () => Promise<void>;
}

const EPHEMERAL = { flags: MessageFlags.Ephemeral };
const say = (content: string): Outcome => ({
  status: 200,
  response: {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
  },
});
const FAILED_TEXT = '❌ Something went wrong while handling that; it has been logged, please try again.';
const FAILED: View = { visibility: 'ephemeral', blocks: [{ type: 'text', text: FAILED_TEXT }] };

/** Turns raw Discord interactions into core requests and first responses. */
export class InteractionHandler {
  private readonly work: FollowUpQueue;

  constructor(private readonly deps: HandlerDeps) {
    this.work = new FollowUpQueue(deps.log, deps.maxConcurrent);
  }

  /** Validates the payload and decides the first response; never throws. */
  async handle(payload: unknown): Promise<Outcome> {
    try {
      return await this.first(payload);
    } catch (err) {
      this.deps.log.error('discord: could not answer an interaction', { err });
      return say(FAILED_TEXT);
    }
  }

  private async first(payload: unknown): Promise<Outcome> {
    const parsed = InteractionSchema.safeParse(payload);
    if (!parsed.success)
      return {
        status: 400,
        response: { error: 'invalid_interaction', message: 'The request is not a Discord interaction.' },
      };
    const i = parsed.data;
    if (i.type === InteractionType.Ping)
      return { status: 200, response: { type: InteractionResponseType.Pong } };
    const user = userOf(i);
    const place = placeOf(i);
    if (!user || !place) return say('Use `/video` in a server channel.');
    const ref: InteractionRef = { id: i.id, applicationId: i.application_id, token: i.token };

    if (i.type === InteractionType.ApplicationCommand) {
      const cmd = commandOf(i.data?.options);
      if (!cmd) return say('Pick a `/video` subcommand; `/video help` lists them.');
      return this.deferred(
        i,
        ref,
        DeferredType.Message,
        async (actor) =>
          this.deps.core.dispatch({
            actor,
            place,
            command: registryName(cmd.command, this.deps.commands),
            options: cmd.options,
            idempotencyKey: i.id,
            source: 'slash',
          }),
        'deferred',
        NO_KEY,
      );
    }
    if (i.type === InteractionType.ModalSubmit) {
      const target = decodeCustomId(i.data?.custom_id ?? '');
      if (!target) return say('This form has expired; run the command again.');
      const fields = readModalFields(i.data?.components);
      return this.deferred(
        i,
        ref,
        DeferredType.Message,
        async (actor) =>
          this.deps.core.dispatchAction({
            actor,
            place,
            action: target.action,
            key: target.key,
            value: target.value,
            fields,
            idempotencyKey: i.id,
            source: 'modal',
          }),
        'deferred',
        target.key,
      );
    }
    if (i.type === InteractionType.MessageComponent) {
      return handleClick(this.deps, i, place, (req, mode) =>
        this.deferred(
          i,
          ref,
          mode === 'confirmed' ? DeferredType.Confirmed : DeferredType.Update,
          async (actor) => this.deps.core.dispatchAction({ ...req, actor }),
          mode,
          req.key,
        ),
      );
    }
    return {
      status: 200,
      response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } },
    };
  }

  /** Queues `after` for an outcome once its response is out (bounded, see FollowUpQueue). */
  runAfter(outcome: Outcome): void {
    if (outcome.after) this.work.push(outcome.after);
  }

  /** Waits for queued and running follow-up work (graceful shutdown, tests). */
  drain(): Promise<void> {
    return this.work.drain();
  }

  private async deferred(
    i: Interaction,
    ref: InteractionRef,
    type: DeferredType,
    run: (actor: ActionRequest['actor']) => Promise<View>,
    mode: DeliveryMode,
    key: string,
  ): Promise<Outcome> {
    const response = FIRST[type];
    // Discord may deliver an interaction again (or two replicas may see it): only the first does the work.
    if (!(await this.claim(i.id))) return { status: 200, response };
    const after = async () => {
      let view: View;
      try {
        const user = userOf(i)!;
        const moderator = await this.deps.roles.isModerator(i.guild_id, i.member);
        view = await run({ platform: 'discord', id: user.id, name: user.name, moderator });
      } catch (err) {
        this.deps.log.error('discord: command failed', { interaction: i.id, err });
        view = FAILED;
      }
      try {
        await deliver(this.deps.replies, ref, view, mode, {
          memory: this.deps.memory,
          key: await this.formKey(i, view, key),
        });
      } catch (err) {
        // The person must not be left looking at "thinking…": say it failed, in place.
        this.deps.log.error('discord: could not deliver a result', { interaction: i.id, err });
        await this.deps.replies.editOriginal(ref, { content: FAILED_TEXT, embeds: [], components: [] });
      }
    };
    return { status: 200, response, after };
  }

  /** A form that arrives after a deferral gets a button; it needs the meeting's key (the channel's, for slash commands). */
  private async formKey(i: Interaction, view: View, key: string): Promise<string> {
    if (!view.modal || key !== NO_KEY || !i.guild_id) return key;
    const m = await this.deps.store.getActiveMeetingInChannel(
      'discord',
      i.guild_id,
      i.channel_id ?? i.channel?.id ?? '',
    );
    return m?.id ?? NO_KEY;
  }

  private async claim(id: string): Promise<boolean> {
    try {
      return await this.deps.store.claimKey('discord.interaction', id, TOKEN_LIFETIME_MS + 60_000);
    } catch (err) {
      // Doing the work is better than dropping it when the store hiccups; the core dedupes again.
      this.deps.log.warn('discord: could not record interaction id', { err });
      return true;
    }
  }
}

enum DeferredType {
  Message,
  Update,
  Confirmed,
}

const FIRST: Record<DeferredType, unknown> = {
  [DeferredType.Message]: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: EPHEMERAL },
  [DeferredType.Update]: { type: InteractionResponseType.DeferredMessageUpdate },
  [DeferredType.Confirmed]: {
    type: InteractionResponseType.UpdateMessage,
    data: { content: '⏳ Working on it…', embeds: [], components: [] },
  },
};
