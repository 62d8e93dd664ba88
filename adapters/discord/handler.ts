import { InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import type { View } from '../../src/chat.js';
import type { Store } from '../../src/store/types.js';
import type { ActionRequest, Invocation } from '../../commands/types.js';
import { deliveryKey } from '../../commands/idempotency.js';
import type { PendingCommands, PendingKind } from '../../src/replica/pending.js';
import { handleClick, type ClickDeps } from './clicks.js';
import { decodeCustomId } from './custom-id.js';
import { defer, FAILED_TEXT, type DeferralDeps, type Outcome } from './deferral.js';
import { NO_KEY } from './deliver.js';
import { readModalFields } from './modal.js';
import { commandOf, InteractionSchema, placeOf, userOf, type Interaction } from './payload.js';
import { registryName } from './slash-command.js';
import { FollowUpQueue } from './work-queue.js';

// One handler for both transports: it takes Discord's raw interaction payload and returns the first
// response (always immediate: PONG, deferral, modal, confirm prompt) plus the work to do after the
// response is out. The HTTP endpoint writes the response; gateway mode POSTs it to the callback URL.

export type { Outcome } from './deferral.js';

/** The command core as the adapter uses it (commands/dispatch.ts bound to its context). */
export interface DiscordCore {
  dispatch(inv: Invocation): Promise<View>;
  dispatchAction(req: ActionRequest): Promise<View>;
}

/** Dependencies of {@link InteractionHandler}. */
export interface HandlerDeps extends ClickDeps, DeferralDeps {
  core: DiscordCore;
  store: Pick<Store, 'claimKey' | 'getMeeting' | 'getActiveMeetingInChannel'>;
  /** Follow-up jobs run at once (default 16). */
  maxConcurrent?: number;
  /** Durable record of acked commands, form submissions and clicks (absent: they die with this process). */
  pending?: PendingCommands;
}

/** An ephemeral one-line answer as the first response. */
export const say = (content: string): Outcome => ({
  status: 200,
  response: {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
  },
});

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

  /** Queues `after` for an outcome once its response is out (bounded, see FollowUpQueue). */
  runAfter(outcome: Outcome): void {
    if (outcome.after) this.work.push(outcome.after);
  }

  /**
   * Runs an interaction taken over from a replica that died after acking it: its work again, without
   * the repeat check, answering through the interaction webhook (the token lives 15 minutes).
   */
  async rerun(payload: unknown): Promise<View | undefined> {
    const outcome = await this.first(payload, true);
    await outcome.after?.();
    return undefined;
  }

  /** Waits for queued and running follow-up work (graceful shutdown, tests). */
  drain(): Promise<void> {
    return this.work.drain();
  }

  private async first(payload: unknown, rerun = false): Promise<Outcome> {
    const parsed = InteractionSchema.safeParse(payload);
    if (!parsed.success) {
      return {
        status: 400,
        response: { error: 'invalid_interaction', message: 'The request is not a Discord interaction.' },
      };
    }
    const i = parsed.data;
    if (i.type === InteractionType.Ping)
      return { status: 200, response: { type: InteractionResponseType.Pong } };
    const place = placeOf(i);
    if (!userOf(i) || !place) return say('Use `/video` in a server channel.');
    const { core } = this.deps;

    if (i.type === InteractionType.ApplicationCommand) {
      const cmd = commandOf(i.data?.options);
      if (!cmd) return say('Pick a `/video` subcommand; `/video help` lists them.');
      const command = registryName(cmd.command, this.deps.commands);
      const outcome = defer(
        this.deps,
        i,
        'deferred',
        NO_KEY,
        (actor) =>
          core.dispatch({
            actor,
            place,
            command,
            options: cmd.options,
            idempotencyKey: i.id,
            source: 'slash',
          }),
        rerun,
      );
      return rerun ? outcome : this.durable(i, payload, outcome);
    }
    if (i.type === InteractionType.ModalSubmit) {
      const target = decodeCustomId(i.data?.custom_id ?? '');
      if (!target) return say('This form has expired; run the command again.');
      const fields = readModalFields(i.data?.components);
      const { action, key, value } = target;
      const outcome = defer(
        this.deps,
        i,
        'deferred',
        key,
        (actor) =>
          core.dispatchAction({
            actor,
            place,
            action,
            key,
            value,
            fields,
            idempotencyKey: i.id,
            source: 'modal',
          }),
        rerun,
      );
      return rerun ? outcome : this.durable(i, payload, outcome);
    }
    if (i.type === InteractionType.MessageComponent) {
      // Only clicks that run an action are recorded: a modal (type 9) or a confirmation prompt must be
      // the immediate answer and does no work, so there is nothing to take over.
      let runs = false;
      const outcome = await handleClick(this.deps, i, place, (req, mode) => {
        runs = true;
        return defer(this.deps, i, mode, req.key, (actor) => core.dispatchAction({ ...req, actor }), rerun);
      });
      return rerun || !runs ? outcome : this.durable(i, payload, outcome, 'click');
    }
    if (rerun) return say(FAILED_TEXT);
    // Autocomplete is not registered; anything else gets an empty, harmless answer.
    return {
      status: 200,
      response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } },
    };
  }

  /**
   * Records the interaction (token included: it lives only in the pending row, never in logs) before
   * its ack, so that a replica killed after the ack does not lose it. Costs one INSERT (~0.4 ms p50
   * on Postgres) on the 3-second path; a re-run answers as the live path does (the same deliver()).
   */
  private async durable(
    i: Interaction,
    payload: unknown,
    outcome: Outcome,
    kind: PendingKind = 'interaction',
  ): Promise<Outcome> {
    const { pending } = this.deps;
    const after = outcome.after;
    if (!pending || !after) return outcome;
    const id = deliveryKey('discord', i.id);
    // Another delivery recorded it first: its owner (or whoever takes it over) does the work.
    if ((await pending.record(id, kind, payload)) === 'repeat')
      return { status: outcome.status, response: outcome.response };
    return { ...outcome, after: () => pending.run(id, async () => (await after(), undefined)) };
  }
}
