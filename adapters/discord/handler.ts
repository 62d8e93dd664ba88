import { InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import type { Ack, FrontDoor, Ticket } from '../../commands/front-door.js';
import type { Logger } from '../../src/log.js';
import { onClick, say, type FirstResponse } from './clicks.js';
import { decodeCustomId } from './custom-id.js';
import { InteractionSchema, placeOf, userOf } from './payload.js';
import { clickRequest, commandRequest, submitRequest, type DeliveryMode } from './requests.js';

// One handler for both transports: it takes Discord's raw interaction payload, turns it into a
// neutral request, passes it through the core's front door (which records it before the ack) and
// returns the first response (always immediate: PONG, deferral, form, confirmation prompt) plus the
// accepted request to run once that response is out. The HTTP endpoint writes the response;
// gateway mode POSTs it to the callback URL.

/** A first response, and the accepted request to run after it. */
export interface Outcome extends FirstResponse {
  ticket?: Ticket;
}

/** Dependencies of {@link InteractionHandler}. */
export interface HandlerDeps {
  door: FrontDoor;
  log: Logger;
  now?: () => number;
}

/** What a confirmation prompt turns into once confirmed: final for an announced result, else a wait. */
export const CONFIRMED = '✅ Confirmed; the result is announced in the channel.';
const WORKING = '⏳ Working on it…';

const FAILED_TEXT = '❌ Something went wrong while handling that; it has been logged, please try again.';

/** The first response that acknowledges an accepted request, by how its result will be delivered. */
function deferral(mode: DeliveryMode, visibility: 'channel' | 'ephemeral'): unknown {
  if (mode === 'clicked') return { type: InteractionResponseType.DeferredMessageUpdate };
  // The "yes" of a confirmation replaces the prompt. A result the core announces anyway is then a
  // single public follow-up (the prompt already says what happened to it); a personal result (a
  // refusal, an error) replaces the prompt instead.
  if (mode === 'confirmed')
    return {
      type: InteractionResponseType.UpdateMessage,
      data: { content: visibility === 'channel' ? CONFIRMED : WORKING, embeds: [], components: [] },
    };
  // Public only when the core expects to announce the result: errors and personal links stay private.
  return visibility === 'channel'
    ? { type: InteractionResponseType.DeferredChannelMessageWithSource }
    : {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: { flags: MessageFlags.Ephemeral },
      };
}

/** Turns raw Discord interactions into front-door requests and first responses. */
export class InteractionHandler {
  constructor(private readonly deps: HandlerDeps) {}

  /** Validates the payload and decides the first response; never throws. */
  async handle(payload: unknown): Promise<Outcome> {
    try {
      return await this.first(payload);
    } catch (err) {
      this.deps.log.error('discord: could not answer an interaction', { err });
      return say(FAILED_TEXT);
    }
  }

  /** Runs an outcome's accepted request once its first response is out. */
  runAfter(outcome: Outcome): void {
    if (outcome.ticket) void this.deps.door.run(outcome.ticket);
  }

  private async first(payload: unknown): Promise<Outcome> {
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
    const { door } = this.deps;
    const now = (this.deps.now ?? Date.now)();

    if (i.type === InteractionType.ApplicationCommand) {
      const req = commandRequest(i, place, door.commands, now);
      if (!req) return say('Pick a `/video` subcommand; `/video help` lists them.');
      return this.accepted(await door.accept(req), 'deferred');
    }
    if (i.type === InteractionType.ModalSubmit) {
      const target = decodeCustomId(i.data?.custom_id ?? '');
      if (!target) return say('This form has expired; run the command again.');
      return this.accepted(await door.accept(submitRequest(i, place, target, now)), 'deferred');
    }
    if (i.type === InteractionType.MessageComponent) {
      const click = await onClick(door, i, place);
      if (click.kind === 'answer') return click.first;
      return this.accepted(await door.accept(clickRequest(i, place, click.ref, click.mode, now)), click.mode);
    }
    // Autocomplete is not registered; anything else gets an empty, harmless answer.
    return {
      status: 200,
      response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } },
    };
  }

  private accepted(ack: Ack, mode: DeliveryMode): Outcome {
    if (ack.kind === 'busy') return say(ack.text);
    // A repeated delivery gets the same kind of ack as the first, and no work.
    if (ack.kind === 'repeat') return { status: 200, response: deferral(mode, 'ephemeral') };
    return { status: 200, response: deferral(mode, ack.visibility), ticket: ack.ticket };
  }
}
