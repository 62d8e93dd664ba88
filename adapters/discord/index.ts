import type { REST } from 'discord.js';
import type { FrontDoor, PlatformPort } from '../../commands/front-door.js';
import type { Logger } from '../../src/log.js';
import type { HttpServer } from '../../src/server.js';
import { deliver } from './deliver.js';
import { DiscordGateway } from './gateway.js';
import { InteractionHandler } from './handler.js';
import { INTERACTIONS_PATH, interactionsRoute } from './http.js';
import { DiscordPublisher } from './publisher.js';
import { InteractionReplies } from './replies.js';
import type { DiscordReplyTo } from './requests.js';
import { createDiscordRest, DEFAULT_API_URL } from './rest.js';
import { ModeratorRoles } from './roles.js';
import { DiscordViewers } from './viewers.js';
import { InteractionVerifier } from './verify.js';

/** The Discord settings the adapter reads (the `discord` section of src/config.ts). */
export interface DiscordSettings {
  token?: string;
  publicKey?: string;
  apiUrl?: string;
  moderatorRole?: string;
}

/** What {@link createDiscordAdapter} needs. */
export interface DiscordAdapterDeps {
  settings: DiscordSettings;
  /** `http` mounts POST /discord/interactions (needs publicKey); `gateway` logs in with the token. */
  mode: 'http' | 'gateway';
  server?: Pick<HttpServer, 'route'>;
  /** The core's front door: the only way interactions reach the core. */
  door: FrontDoor;
  log: Logger;
  /** REST client override (tests); built from token and apiUrl otherwise. */
  rest?: REST;
}

/** The running adapter. */
export interface DiscordAdapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts and edits meeting cards; register it with the card service. */
  publisher: DiscordPublisher;
  /** The transport-neutral interaction handler (gateway tests feed payloads through it). */
  handler: InteractionHandler;
  replies: InteractionReplies;
  /** What the adapter lends the front door (served by start()). */
  port: PlatformPort;
  /** Resolves once accepted work in flight is done. */
  idle(): Promise<void>;
}

/** Builds the Discord adapter: HTTP interactions or gateway, plus the card publisher. */
export function createDiscordAdapter(deps: DiscordAdapterDeps): DiscordAdapter {
  const { settings, log, door } = deps;
  const rest = deps.rest ?? createDiscordRest({ token: settings.token, apiUrl: settings.apiUrl });
  const replies = new InteractionReplies(settings.apiUrl ?? DEFAULT_API_URL);
  const roles = new ModeratorRoles({
    rest: settings.token ? rest : undefined,
    roleName: settings.moderatorRole,
    log,
  });
  if (settings.moderatorRole && !settings.token) {
    log.warn(
      'discord: DISCORD_MODERATOR_ROLE needs DISCORD_TOKEN to read role names; only permissions count until then',
    );
  }
  // Who can view a channel needs the bot token (guild, roles, member and channel reads).
  const viewers = settings.token ? new DiscordViewers({ rest, log }) : undefined;
  const port: PlatformPort = {
    platform: 'discord',
    ...(viewers
      ? { canSee: (actor, place) => viewers.canView(place.teamId, place.channelId, actor.id) }
      : {}),
    // Permissions came with the interaction (actor.moderator); here only the configured role's name.
    isModerator: (actor, place) => roles.isModerator(place.teamId, { roles: actor.roles ?? [] }),
    deliver: (req, view, acked) => deliver(replies, req.replyTo as DiscordReplyTo, view, acked, log),
  };
  const handler = new InteractionHandler({ door, log });
  const publisher = new DiscordPublisher(rest, { hasToken: Boolean(settings.token) });
  let gateway: DiscordGateway | null = null;
  let routed = false;

  return {
    publisher,
    handler,
    replies,
    port,
    idle: () => door.idle(),
    // Restartable: src/main.ts stops and starts gateway mode as the replica lease comes and goes.
    async start() {
      door.serve(port);
      if (deps.mode === 'http') {
        if (!settings.publicKey) throw new Error('Discord HTTP interactions need DISCORD_PUBLIC_KEY.');
        if (!deps.server) throw new Error('Discord HTTP interactions need the HTTP server.');
        if (routed) return;
        const verifier = new InteractionVerifier(settings.publicKey);
        deps.server.route('POST', INTERACTIONS_PATH, interactionsRoute(verifier, handler, log));
        routed = true;
        log.info('discord: HTTP interactions ready', { path: INTERACTIONS_PATH });
        return;
      }
      if (!settings.token) throw new Error('Discord gateway mode needs DISCORD_TOKEN.');
      if (gateway) return;
      const g = new DiscordGateway({ token: settings.token, apiUrl: settings.apiUrl, handler, replies, log });
      await g.start();
      gateway = g;
    },
    async stop() {
      const g = gateway;
      gateway = null;
      await g?.stop();
      await door.leave('discord');
      await replies.close();
    },
  };
}
