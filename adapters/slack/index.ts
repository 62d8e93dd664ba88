// Composition of the Slack adapter: Bolt app + our receiver (HTTP on the shared server, or Socket
// Mode), OAuth or single-token auth, card publisher, roles, Slack Calls, the listeners, and the
// port the core's front door delivers replies and asks moderator verdicts through.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, LogLevel, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { FrontDoor, PlatformPort } from '../../commands/front-door.js';
import type { CardPublisher } from '../../src/chat.js';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import { boltLogger } from './bolt-logger.js';
import { SlackCalls } from './calls.js';
import { deliver } from './deliver.js';
import { createOAuth, OAUTH_REDIRECT_PATH } from './installations.js';
import { registerListeners } from './listeners.js';
import { CARD_CALL_TIMEOUT_MS, publisherClient, SlackCardPublisher } from './publisher.js';
import type { SlackReplyTo } from './requests.js';
import { createResponder } from './response-url.js';
import { SlackHttpReceiver } from './receiver.js';
import { SlackRoles } from './roles.js';
import { installedToken, singleToken } from './tokens.js';

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
  /** The core's front door: the only way requests reach the core. */
  door: FrontDoor;
  /** Installations (OAuth) and Slack call state. */
  store: Store;
  /** The bot's public URL (the OAuth redirect). */
  publicUrl: string;
  server: RouteTarget;
  log: Logger;
  now?: () => number;
  /** Keep workspace-admin verdicts this long (ms). */
  roleCacheTtlMs?: number;
  /** Register meetings as Slack calls (default true). */
  calls?: boolean;
  /** Longest one Slack call may take (default 10 s; tests shorten it). */
  callTimeoutMs?: number;
}

/** A running Slack adapter: register `publisher` with the card service, then `start()`. */
export interface SlackAdapter {
  readonly publisher: CardPublisher;
  readonly app: App;
  readonly mode: 'http' | 'socket';
  /** Resolves when the work acked requests queued and the Slack Calls updates are done. */
  idle(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the Slack adapter; mounts POST /slack/events (HTTP mode) and the OAuth routes when configured. */
export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { config: c, door, store, log } = deps;
  const now = deps.now ?? Date.now;
  const slackLog = log.child({ adapter: 'slack' });
  const logger = boltLogger(slackLog, LogLevel.WARN);
  const apiUrl = c.apiUrl;
  const callTimeoutMs = deps.callTimeoutMs ?? CARD_CALL_TIMEOUT_MS;
  const oauth =
    c.clientId && c.clientSecret && c.stateSecret
      ? createOAuth({
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          stateSecret: c.stateSecret,
          store,
          publicUrl: deps.publicUrl,
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
    // With `token`, Bolt calls auth.test in its constructor and leaves the promise unhandled: a
    // revoked token or Slack unreachable at start-up would crash the process. Nothing here needs the
    // bot's own IDs from it (they only filter the bot's own Events API messages, which we do not
    // listen to), so the token is handed over as it is.
    ...(oauth ? { authorize: oauth.authorize } : { authorize: async () => ({ botToken: c.botToken! }) }),
    // Every Slack call gives up after 10 s, and a reply is tried at most three times, so a hung
    // Slack never holds a request's work slot for long (Bolt's default is no timeout, 30 min of retries).
    clientOptions: {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      timeout: callTimeoutMs,
      retryConfig: { retries: 2, maxRetryTime: 3 * callTimeoutMs },
    },
    // No listener uses Bolt's conversation store; skipping it saves work on every request.
    convoStore: false,
  });

  const tokenFor = oauth ? installedToken(store) : singleToken(c.botToken!);
  // A Web API override means tests or a local fake: then response_url may point there too.
  const responder = createResponder({ allowAnyHost: Boolean(apiUrl), timeoutMs: callTimeoutMs });
  const client = publisherClient(apiUrl, logger, callTimeoutMs);
  const calls =
    deps.calls === false ? undefined : new SlackCalls({ client, tokenFor, store, log: slackLog, now });
  const publisher = new SlackCardPublisher({ client, tokenFor, ...(calls ? { onCard: calls.onCard } : {}) });
  const moderatorIds = new Set(c.moderatorIds);
  const roles = new SlackRoles({
    log: slackLog,
    now,
    ttlMs: deps.roleCacheTtlMs ?? 60_000,
    lookup: async (teamId, userId) => {
      const res = await app.client.users.info({ token: await tokenFor(teamId), user: userId });
      return {
        isAdmin: Boolean(res.user?.is_admin),
        isOwner: Boolean(res.user?.is_owner || res.user?.is_primary_owner),
      };
    },
  });
  const port: PlatformPort = {
    platform: 'slack',
    isModerator: async (actor, place) =>
      moderatorIds.has(actor.id) || roles.isWorkspaceAdmin(place.teamId, actor.id),
    // Scheduling reads times in the person's own zone (users.info `tz`, an IANA name).
    async timeZone(actor, place) {
      try {
        const res = await app.client.users.info({ token: await tokenFor(place.teamId), user: actor.id });
        return typeof res.user?.tz === 'string' && res.user.tz ? res.user.tz : null;
      } catch (err) {
        slackLog.warn('users.info failed; reading times in UTC', { err });
        return null;
      }
    },
    deliver: (req, view) =>
      // Replies go through Bolt's client, which retries a failed call (cards do not: see publisher.ts).
      deliver(view, req.place, req.replyTo as SlackReplyTo, {
        client: app.client,
        tokenFor,
        respond: responder.respond,
        log: slackLog,
      }),
  };
  registerListeners(app, {
    door,
    respond: responder.respond,
    log: slackLog,
    uninstall: async (teamId: string) => {
      slackLog.info('slack app uninstalled or tokens revoked', { teamId });
      if (oauth) await store.deleteInstallation('slack', teamId);
    },
  });

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
      await door.idle();
      await calls?.idle();
    },
    start: async () => {
      door.serve(port);
      await app.start();
      slackLog.info('slack adapter started', {
        mode: http ? 'http' : 'socket',
        multiWorkspace: Boolean(oauth),
      });
    },
    stop: async () => {
      await app.stop();
      await door.leave('slack');
      await calls?.idle();
      await responder.close();
    },
  };
}
