// Composition of the Slack adapter: Bolt app + our receiver (HTTP on the shared server, or Socket
// Mode), OAuth or single-token auth, card publisher, roles, Slack Calls and the listeners.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, LogLevel, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import type { CardPublisher } from '../../src/chat.js';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { replicaId } from '../../src/replica/holder.js';
import type { Command, CommandContext } from '../../commands/types.js';
import { commands as registry } from '../../commands/registry.js';
import { boltLogger } from './bolt-logger.js';
import { SlackCalls } from './calls.js';
import { createOAuth, OAUTH_REDIRECT_PATH } from './installations.js';
import { registerListeners } from './listeners.js';
import { ModalCache } from './modal-cache.js';
import { PendingCommands, type PendingOptions } from './pending.js';
import { publisherClient, SlackCardPublisher } from './publisher.js';
import { createResponder } from './response-url.js';
import { SlackHttpReceiver } from './receiver.js';
import { rerunner } from './recover.js';
import { SlackRoles } from './roles.js';
import { installedToken, singleToken } from './tokens.js';
import { WorkQueue, type WorkQueueOptions } from './work-queue.js';

/** The part of the HTTP server the adapter mounts its routes on. */
export interface RouteTarget {
  route(
    method: string,
    pattern: string,
    handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  ): void;
}

/** What the Slack adapter is built from. */
export interface SlackAdapterDeps {
  config: Config['slack'];
  ctx: CommandContext;
  server: RouteTarget;
  log: Logger;
  /** Command list (defaults to commands/registry.ts). */
  commands?: readonly Command[];
  /** Keep workspace-admin verdicts this long (ms). */
  roleCacheTtlMs?: number;
  /** Register meetings as Slack calls (default true). */
  calls?: boolean;
  /** Tuning of the post-ack work queue. */
  workQueue?: WorkQueueOptions;
  /** Timing of the durable record of acked requests, and this replica's ID (default replicaId()). */
  pending?: Partial<Pick<PendingOptions, 'holder' | 'heartbeatMs' | 'staleMs' | 'recoverMs' | 'maxAttempts'>>;
}

/** A running Slack adapter: register `publisher` with the card service, then `start()`. */
export interface SlackAdapter {
  readonly publisher: CardPublisher;
  readonly app: App;
  readonly mode: 'http' | 'socket';
  /** Resolves when the work queued after acks and the Slack Calls updates are done. */
  idle(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the Slack adapter; mounts POST /slack/events (HTTP mode) and the OAuth routes when configured. */
export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { config: c, ctx, log } = deps;
  const slackLog = log.child({ adapter: 'slack' });
  const logger = boltLogger(slackLog, LogLevel.WARN);
  const apiUrl = c.apiUrl;
  const oauth =
    c.clientId && c.clientSecret && c.stateSecret
      ? createOAuth({
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          stateSecret: c.stateSecret,
          store: ctx.store,
          publicUrl: ctx.publicUrl,
          apiUrl,
          log: slackLog,
        })
      : undefined;
  if (!oauth && !c.botToken)
    throw new Error(
      'Slack needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET for multi-workspace installs.',
    );

  let receiver: Receiver;
  let http: SlackHttpReceiver | undefined;
  if (c.appToken) {
    receiver = new SocketModeReceiver({
      appToken: c.appToken,
      logger,
      installerOptions: apiUrl ? { clientOptions: { slackApiUrl: apiUrl } } : {},
    });
  } else {
    if (!c.signingSecret)
      throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode).');
    http = new SlackHttpReceiver({ signingSecret: c.signingSecret, log: slackLog });
    receiver = http;
  }
  const app = new App({
    receiver,
    logger,
    ...(oauth ? { authorize: oauth.authorize } : { token: c.botToken }),
    ...(apiUrl ? { clientOptions: { slackApiUrl: apiUrl } } : {}),
    // No listener uses Bolt's conversation store; skipping it saves work on every request.
    convoStore: false,
  });

  const tokenFor = oauth ? installedToken(ctx.store) : singleToken(c.botToken!);
  const modals = new ModalCache();
  const work = new WorkQueue(deps.workQueue);
  // A Web API override means tests or a local fake: then response_url may point there too.
  const responder = createResponder({ allowAnyHost: Boolean(apiUrl) });
  const cardClient = publisherClient(apiUrl, logger);
  const calls =
    deps.calls === false
      ? undefined
      : new SlackCalls({ client: cardClient, tokenFor, store: ctx.store, log: slackLog, now: ctx.now });
  const publisher = new SlackCardPublisher({
    client: cardClient,
    tokenFor,
    modals,
    ...(calls ? { onCard: calls.onCard } : {}),
  });
  const moderatorIds = new Set([...c.moderatorIds, ...ctx.moderatorIds]);
  const roles = new SlackRoles({
    moderatorIds,
    log: slackLog,
    now: ctx.now,
    ttlMs: deps.roleCacheTtlMs ?? 60_000,
    lookup: async (teamId, userId) => {
      const res = await app.client.users.info({ token: await tokenFor(teamId), user: userId });
      return {
        isAdmin: Boolean(res.user?.is_admin),
        isOwner: Boolean(res.user?.is_owner || res.user?.is_primary_owner),
      };
    },
  });

  const listenerDeps = {
    ctx,
    roles,
    modals,
    publisher,
    store: ctx.store,
    log: slackLog,
    now: ctx.now,
    commands: deps.commands ?? registry,
    work,
    respond: responder.respond,
    uninstall: async (teamId: string) => {
      slackLog.info('slack app uninstalled or tokens revoked', { teamId });
      if (oauth) await ctx.store.deleteInstallation('slack', teamId);
    },
  };
  // Requests acked here and not finished when this replica dies are re-run by another replica.
  const pending = new PendingCommands({
    store: ctx.store,
    log: slackLog,
    now: ctx.now,
    holder: deps.pending?.holder ?? replicaId(),
    ...deps.pending,
    rerun: rerunner(
      listenerDeps,
      async (teamId) =>
        new webApi.WebClient(await tokenFor(teamId), { logger, ...(apiUrl ? { slackApiUrl: apiUrl } : {}) }),
    ),
  });
  registerListeners(app, { ...listenerDeps, pending });

  if (http) deps.server.route('POST', '/slack/events', http.handle);
  if (oauth) {
    deps.server.route('GET', '/slack/install', oauth.install);
    deps.server.route('GET', OAUTH_REDIRECT_PATH, oauth.redirect);
  }

  return {
    publisher,
    app,
    mode: http ? 'http' : 'socket',
    idle: async () => {
      await work.idle();
      await calls?.idle();
    },
    start: async () => {
      await app.start();
      pending.start();
      slackLog.info('slack adapter started', {
        mode: http ? 'http' : 'socket',
        multiWorkspace: Boolean(oauth),
      });
    },
    stop: async () => {
      await app.stop();
      await work.idle();
      await pending.stop();
      await calls?.idle();
      await responder.close();
    },
  };
}
