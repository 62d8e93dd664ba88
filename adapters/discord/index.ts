import type { REST } from 'discord.js';
import type { CardService } from '../../src/cards/types.js';
import type { Logger } from '../../src/log.js';
import type { HttpServer } from '../../src/server.js';
import type { View } from '../../src/chat.js';
import type { Store } from '../../src/store/types.js';
import { PendingCommands, type PendingOptions, type PendingStore } from '../../src/replica/pending.js';
import { replicaId } from '../../src/replica/holder.js';
import { dispatch, dispatchAction } from '../../commands/dispatch.js';
import { commands as registry } from '../../commands/registry.js';
import type { Command, CommandContext } from '../../commands/types.js';
import { DiscordGateway } from './gateway.js';
import { InteractionHandler, type DiscordCore } from './handler.js';
import { INTERACTIONS_PATH, interactionsRoute } from './http.js';
import { ComponentMemory } from './memory.js';
import { DiscordPublisher } from './publisher.js';
import { InteractionReplies } from './replies.js';
import { createDiscordRest, DEFAULT_API_URL } from './rest.js';
import { ModeratorRoles } from './roles.js';
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
  core: DiscordCore;
  /** With the pending-command methods (SQLite, Postgres), acked commands survive this process. */
  store: Pick<Store, 'claimKey' | 'getMeeting' | 'getActiveMeetingInChannel'> & Partial<PendingStore>;
  cards?: Pick<CardService, 'view'>;
  /** Timing of the durable record of acked commands (tests); defaults otherwise. */
  pending?: Partial<
    Pick<PendingOptions, 'holder' | 'heartbeatMs' | 'staleMs' | 'recoverMs' | 'maxAttempts' | 'minAgeMs'>
  >;
  /** The command registry (defaults to commands/registry.ts). */
  commands?: ReadonlyArray<Pick<Command, 'name' | 'role'>>;
  moderatorIds?: ReadonlySet<string>;
  log: Logger;
  /** Follow-up jobs (core work + reply) run at once; default 16. */
  maxConcurrent?: number;
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
  /** Resolves once follow-up work in flight is done. */
  idle(): Promise<void>;
}

/** Binds the shared command core (commands/dispatch.ts) to its context. */
export function coreFromContext(ctx: CommandContext): DiscordCore {
  return { dispatch: (inv) => dispatch(inv, ctx), dispatchAction: (req) => dispatchAction(req, ctx) };
}

/** Builds the Discord adapter: HTTP interactions or gateway, plus the card publisher. */
export function createDiscordAdapter(deps: DiscordAdapterDeps): DiscordAdapter {
  const { settings, log } = deps;
  const rest = deps.rest ?? createDiscordRest({ token: settings.token, apiUrl: settings.apiUrl });
  const memory = new ComponentMemory();
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
  const pending: PendingCommands | undefined = hasPending(deps.store)
    ? new PendingCommands({
        store: deps.store,
        log,
        now: Date.now,
        holder: deps.pending?.holder ?? replicaId(),
        platform: 'discord',
        ...deps.pending,
        rerun: (_kind, payload): Promise<View | undefined> => handler.rerun(payload),
      })
    : undefined;
  const handler: InteractionHandler = new InteractionHandler({
    ...deps,
    pending,
    commands: deps.commands ?? registry,
    replies,
    roles,
    memory,
  });
  const publisher = new DiscordPublisher(rest, { hasToken: Boolean(settings.token), memory });
  let gateway: DiscordGateway | null = null;
  let routed = false;

  return {
    publisher,
    handler,
    replies,
    idle: () => handler.drain(),
    // Restartable: src/main.ts stops and starts gateway mode as the replica lease comes and goes.
    async start() {
      pending?.start();
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
      await handler.drain();
      await pending?.stop();
      await replies.close();
    },
  };
}

function hasPending(store: DiscordAdapterDeps['store']): store is DiscordAdapterDeps['store'] & PendingStore {
  return Boolean(store.recordPendingCommand && store.acquireLease && store.releaseLease);
}
