import { MessageFlags, Routes, type REST } from 'discord.js';
import type { DiscordMessage } from './render.js';

// Everything after the first response goes through the interaction's webhook (valid 15 minutes,
// no bot token needed): edit the original response, send follow-ups, delete the "thinking" message.

/** The interaction a reply belongs to. */
export interface InteractionRef {
  id: string;
  applicationId: string;
  token: string;
}

/** Writes an interaction's follow-up messages through Discord REST. */
export class InteractionReplies {
  constructor(private readonly rest: REST) {}

  /** Sends the first response over REST (gateway mode: Discord delivered the interaction over the socket). */
  async callback(ref: InteractionRef, response: unknown): Promise<void> {
    await this.rest.post(Routes.interactionCallback(ref.id, ref.token), { body: response, auth: false });
  }

  /** Replaces the original (deferred) response. */
  async editOriginal(ref: InteractionRef, message: Partial<DiscordMessage>): Promise<void> {
    await this.rest.patch(Routes.webhookMessage(ref.applicationId, ref.token, '@original'), { body: message, auth: false });
  }

  /** Deletes the original response (the ephemeral "thinking" message once a public reply is out). */
  async deleteOriginal(ref: InteractionRef): Promise<void> {
    await this.rest.delete(Routes.webhookMessage(ref.applicationId, ref.token, '@original'), { auth: false });
  }

  /** Posts a follow-up message, visible only to the clicker when `ephemeral`. */
  async followUp(ref: InteractionRef, message: DiscordMessage, ephemeral: boolean): Promise<void> {
    const body = ephemeral ? { ...message, flags: MessageFlags.Ephemeral } : message;
    await this.rest.post(Routes.webhook(ref.applicationId, ref.token), { body, auth: false });
  }
}
