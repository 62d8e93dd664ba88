import type { EventEmitter } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { InteractionHandler } from './handler.js';
import type { InteractionReplies } from './replies.js';

// Gateway mode: discord.js keeps the socket; each INTERACTION_CREATE dispatch is taken in its raw
// form (the exact payload HTTP mode receives) and handed to the same InteractionHandler. Gateway
// interactions are still answered over HTTP: the first response is POSTed to the callback route.

/** A gateway dispatch packet as discord.js emits it on `raw`. */
export interface GatewayPacket {
  t?: string | null;
  d?: unknown;
}

/** Feeds one gateway packet through the handler; ignores everything but interactions. */
export async function onGatewayPacket(
  packet: GatewayPacket,
  handler: InteractionHandler,
  replies: InteractionReplies,
  log: Logger,
): Promise<void> {
  if (packet.t !== 'INTERACTION_CREATE' || !packet.d || typeof packet.d !== 'object') return;
  const d = packet.d as { id?: unknown; token?: unknown; application_id?: unknown };
  if (typeof d.id !== 'string' || typeof d.token !== 'string' || typeof d.application_id !== 'string') return;
  const outcome = await handler.handle(packet.d);
  if (outcome.status !== 200) {
    log.warn('discord: ignored a malformed gateway interaction', { status: outcome.status });
    return;
  }
  await replies.callback({ id: d.id, token: d.token, applicationId: d.application_id }, outcome.response);
  handler.runAfter(outcome);
}

/** Options of {@link DiscordGateway}. */
export interface GatewayOptions {
  token: string;
  apiUrl?: string;
  handler: InteractionHandler;
  replies: InteractionReplies;
  log: Logger;
}

/** The gateway connection (Guilds intent only: interactions need no privileged intents). */
export class DiscordGateway {
  private client: Client | null = null;

  constructor(private readonly opts: GatewayOptions) {}

  /** Logs in and starts handling interactions. */
  async start(): Promise<void> {
    const { handler, replies, log } = this.opts;
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      ...(this.opts.apiUrl ? { rest: { api: this.opts.apiUrl } } : {}),
    });
    (client as unknown as EventEmitter).on(Events.Raw, (packet: GatewayPacket) => {
      onGatewayPacket(packet, handler, replies, log).catch((err: unknown) =>
        log.error('discord: gateway interaction failed', { err }),
      );
    });
    client.once(Events.ClientReady, (c) =>
      log.info('discord: gateway connected', { user: c.user.tag, guilds: c.guilds.cache.size }),
    );
    client.on(Events.Error, (err) => log.error('discord: gateway error', { err }));
    this.client = client;
    try {
      await client.login(this.opts.token);
    } catch (err) {
      // A refused token or an unreachable gateway: free the client so start() can be retried.
      await client.destroy();
      this.client = null;
      throw err;
    }
  }

  /** Closes the gateway connection. */
  async stop(): Promise<void> {
    await this.client?.destroy();
    this.client = null;
  }
}
