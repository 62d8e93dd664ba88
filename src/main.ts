import { pathToFileURL } from 'node:url';
import { createShell, type Shell } from '../adapters/shell/index.js';
import { createFrontDoor, type FrontDoor } from '../commands/front-door.js';
import type { CoreServices } from '../commands/types.js';
import { CardRefresher } from './cards/refresher.js';
import { LiveCards } from './cards/service.js';
import { ConfigError, deriveSecret, loadConfig, type Config } from './config.js';
import { startEmulator, type Emulator } from './emulator/index.js';
import { probeEmulator, type RemoteEmulator } from './emulator/remote.js';
import { callbackPath, mountCallbacks, Reconciler } from './events/index.js';
import { videoReachability } from './http/health.js';
import { startMetricsServer } from './http/metrics.js';
import { mountJoinRoutes } from './join/routes.js';
import { startBanner } from './console-banner.js';
import { createLogger, type Logger } from './log.js';
import { consoleLogPath, fileLogger } from './log-file.js';
import { instrumentVideo, registry } from './metrics.js';
import { startPlanned } from './planned/wiring.js';
import { replicaId } from './replica/holder.js';
import { LeaseKeeper } from './replica/lease-keeper.js';
import { createRoomIdleLoop } from './rooms/idle-loop.js';
import { sweepIdleRooms } from './rooms/idle-sweep.js';
import { createHttpServer, type HttpServer } from './server.js';
import { openStore } from './store/index.js';
import type { Store } from './store/types.js';
import type { VideoApi } from './video/api.js';
import { VideoClient } from './video/index.js';

// The composition root: config -> logger -> store -> Video client (or in-process emulator) -> cards
// -> HTTP server (callbacks, join page, health, metrics) -> chat adapters -> graceful shutdown.
// Only this file knows every part; everything else receives what it needs.

/** A running bot: what tests and the shutdown path need. */
export interface App {
  config: Config;
  url: string;
  store: Store;
  video: VideoApi;
  cards: LiveCards;
  server: HttpServer;
  emulator: Emulator | undefined;
  /** A standalone emulator found at the configured Video API URL (driven over its control API). */
  remoteEmulator: RemoteEmulator | undefined;
  /** Loopback URL of the METRICS_PORT listener, when one runs. */
  metricsUrl: string | undefined;
  /** The services the core runs commands against. */
  ctx: CoreServices;
  /** The core's front door, which every chat adapter goes through. */
  door: FrontDoor;
  /** The console adapter, when it runs. */
  shell: Shell | undefined;
  stop(): Promise<void>;
}

/** Options of {@link startApp}. */
export interface StartOptions {
  /** Interface to listen on (default: all). */
  host?: string;
  /**
   * Run the console adapter when no chat platform is configured (npm start): on stdin/stdout, or on
   * the given streams.
   */
  console?: boolean | { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
  /** The file the log goes to, for the console's start banner. */
  logFile?: string;
}

/** Starts every part for `config`. */
export async function startApp(
  config: Config,
  log: Logger,
  options: StartOptions | string = {},
): Promise<App> {
  // A bare string is the listen host (the first form of this API, still used by some tests).
  const opts: StartOptions = typeof options === 'string' ? { host: options } : options;
  const store = await openStore(config.databaseUrl, { log });
  const stops: Array<() => Promise<unknown>> = [() => store.close()];
  try {
    let emulator: Emulator | undefined;
    let client: VideoClient;
    if (config.video.mode === 'emulator') {
      emulator = await startEmulator({
        port: config.video.port,
        host: '127.0.0.1',
        signatureSecret: config.callbacks.signatureSecret,
        // Kept in the data directory, so a restart continues the meetings instead of orphaning them.
        stateFile: config.video.stateFile,
        warn: (message) => log.warn(message),
      });
      stops.unshift(() => emulator!.close());
      client = new VideoClient({
        apiKey: emulator.apiKey,
        apiSecret: emulator.apiSecret,
        baseUrl: emulator.url,
      });
      log.info('no Vonage credentials: using the built-in Video API emulator', {
        url: emulator.url,
        state: config.video.stateFile ?? 'memory only',
        resumed: emulator.resumed,
      });
    } else if (config.video.mode === 'opentok') {
      client = new VideoClient({
        apiKey: config.video.apiKey,
        apiSecret: config.video.apiSecret,
        baseUrl: config.video.apiUrl,
      });
    } else {
      client = new VideoClient({
        applicationId: config.video.applicationId,
        privateKey: config.video.privateKey,
        baseUrl: config.video.apiUrl,
      });
    }
    stops.unshift(() => client.close());
    const video = instrumentVideo<VideoApi>(client);
    // Without a configured or derivable secret, join links are signed with one derived from the
    // emulator's persisted secret, so links issued before a restart of the same data still work.
    const ticketSecret =
      emulator && config.ticketSecretSource === 'random'
        ? deriveSecret(emulator.apiSecret, 'join-ticket')
        : config.ticketSecret;

    const cards = new LiveCards({ store, log: log.child({ component: 'cards' }) });
    const refresher = new CardRefresher({ cards, log: log.child({ component: 'refresher' }) });
    const server = createHttpServer({
      log: log.child({ component: 'http' }),
      metrics: registry,
      metricsAccess: config.metrics.token ? { token: config.metrics.token } : 'off',
    });
    // Ready only once every configured route is mounted: the server listens before the chat
    // adapters mount theirs (links need the bound port), and a balancer must not send requests there.
    let adaptersReady = false;
    server.setHealthCheck('routes', async () => {
      if (!adaptersReady) throw new Error('starting: the chat routes are not mounted yet');
    });
    server.setHealthCheck('store', () => store.probe());
    server.setHealthCheck('video', videoReachability(video));
    // Channel rooms end their meeting a while after the last person left: one loop, on the lease holder.
    const roomIdle = createRoomIdleLoop({
      store,
      video,
      cards,
      log: log.child({ component: 'room-idle' }),
      owner: replicaId(),
    });
    const ingestor = mountCallbacks(server, {
      store,
      cards,
      log: log.child({ component: 'callbacks' }),
      auth: config.callbacks,
      roomIdleEndMs: config.roomIdleEndMs,
      onRoomIdle: () => roomIdle.poke(),
    });
    const reconciler = new Reconciler({
      store,
      video,
      cards,
      log: log.child({ component: 'reconcile' }),
      intervalMs: config.reconcileIntervalMs,
    });
    // A Video API URL that answers as an emulator (`npm run emulator`) is driven like the built-in
    // one: `sim` and the demo join page use its control API, and its callbacks come here.
    const remote =
      config.video.mode !== 'emulator' && config.video.apiUrl
        ? await probeEmulator(config.video.apiUrl)
        : undefined;
    const bound = await server.listen(config.port, opts.host);
    stops.unshift(() => server.close());
    let metricsUrl: string | undefined;
    if (config.metrics.port !== undefined) {
      const m = await startMetricsServer(
        registry,
        config.metrics.port,
        opts.host,
        log.child({ component: 'metrics' }),
      );
      stops.unshift(() => m.close());
      metricsUrl = `http://127.0.0.1:${m.port}`;
    }
    // PORT=0 picks a free port; links must then name the port actually bound.
    const publicUrl = config.publicUrl.endsWith(':0') ? `http://localhost:${bound.port}` : config.publicUrl;
    const ctx: CoreServices = {
      video,
      store,
      cards,
      log,
      now: Date.now,
      publicUrl,
      moderatorIds: new Set(config.moderatorIds),
      ticketSecret,
      ...(config.video.mode !== 'emulator'
        ? { captionsCallbackUrl: `${publicUrl}${callbackPath(config.callbacks)}` }
        : {}),
      roomIdleEndMs: config.roomIdleEndMs,
    };
    const door = createFrontDoor({ services: ctx, pending: { holder: replicaId() } });
    const join = mountJoinRoutes(server, {
      store,
      video,
      ticketSecret,
      now: Date.now,
      log: log.child({ component: 'join' }),
      publicUrl,
      emulator: emulator ?? remote,
    });
    // Before the server closes: pages waiting on a poll would otherwise hold the shutdown.
    stops.unshift(async () => join.close());
    // Planned meetings: the `.ics` route, their timers on the lease holder, and platform events
    // (Discord) that follow the meetings started for them. Started once the adapters are in.
    const planned = () => startPlanned({ services: { ...ctx, cards }, server, holder: replicaId(), log });

    // --- Chat adapters: each mounts its routes on `server` (or opens its socket) and registers
    // its CardPublisher, so src/cards and src/events never import an adapter.
    // Adapters load on demand: Bolt and discord.js take seconds to import that the console never needs.
    const modes = new Set(config.chatModes);
    if (modes.has('slack-http') || modes.has('slack-socket')) {
      const { createSlackAdapter } = await import('../adapters/slack/index.js');
      const slack = createSlackAdapter({ config: config.slack, door, store, publicUrl, server, log });
      cards.registerPublisher(slack.publisher);
      await slack.start();
      stops.unshift(() => slack.stop());
    }
    if (modes.has('discord-http') || modes.has('discord-gateway')) {
      const { createDiscordAdapter } = await import('../adapters/discord/index.js');
      const discord = createDiscordAdapter({
        settings: config.discord,
        mode: modes.has('discord-http') ? 'http' : 'gateway',
        server,
        door,
        log,
      });
      cards.registerPublisher(discord.publisher);
      if (modes.has('discord-http')) {
        await discord.start();
        stops.unshift(() => discord.stop());
      } else {
        // One gateway connection for the whole deployment: the replica holding the lease keeps it and
        // hands it on when it dies; every replica still edits cards over REST.
        const gateway = new LeaseKeeper({
          store,
          name: 'discord-gateway',
          holder: replicaId(),
          log: log.child({ component: 'discord-gateway' }),
          onAcquired: () => discord.start(),
          onLost: () => discord.stop(),
        });
        gateway.start();
        stops.unshift(() => gateway.stop());
      }
    }
    let shell: Shell | undefined;
    const simulated = emulator ?? remote;
    if (opts.console && modes.has('shell')) {
      const streams =
        typeof opts.console === 'object' ? opts.console : { input: process.stdin, output: process.stdout };
      shell = createShell({
        ...streams,
        door,
        log,
        ...(simulated ? { sim: { emulator: simulated, store, video } } : {}),
        banner: startBanner({
          url: publicUrl,
          video: emulator
            ? {
                kind: 'built-in',
                url: emulator.url,
                ...(config.video.mode === 'emulator' && config.video.stateFile
                  ? { stateFile: config.video.stateFile }
                  : {}),
              }
            : remote
              ? { kind: 'standalone', url: remote.url }
              : { kind: 'vonage' },
          databaseUrl: config.databaseUrl,
          ...(opts.logFile ? { logFile: opts.logFile } : {}),
        }),
      });
      cards.registerPublisher(shell.publisher);
      stops.unshift(async () => shell!.close());
    }

    adaptersReady = true;
    if (emulator) emulator.setCallbackUrl(`${bound.url}${callbackPath(config.callbacks)}`);
    // Only an emulator that sends its callbacks nowhere yet is pointed here: one shared by several
    // replicas (or given --callback-url) keeps the URL it was given.
    if (remote && !remote.callbacksConfigured) {
      await remote.setCallbackUrl(`${bound.url}${callbackPath(config.callbacks)}`).then(
        () => log.info('the Video API URL is an emulator: its callbacks now come here', { url: remote.url }),
        (err: unknown) =>
          log.warn('could not point the emulator at this bot; give it --callback-url', { err }),
      );
    }
    refresher.start();
    reconciler.start();
    // A lost "last person left" callback must not keep a room's meeting open: the holder sweeps too.
    let roomSweep: ReturnType<typeof setInterval> | undefined;
    const sweepRooms = () =>
      void sweepIdleRooms({ store, log, idleEndMs: config.roomIdleEndMs }, Date.now()).then(
        (n) => n > 0 && roomIdle.poke(),
        (err: unknown) => log.warn('the room idle sweep failed; it runs again in a minute', { err }),
      );
    const roomIdleLease = new LeaseKeeper({
      store,
      name: 'room-idle',
      holder: replicaId(),
      log: log.child({ component: 'room-idle' }),
      onAcquired: async () => {
        roomIdle.start();
        roomSweep = setInterval(sweepRooms, 60_000);
        roomSweep.unref();
      },
      onLost: async () => {
        clearInterval(roomSweep);
        roomIdle.stop();
        await roomIdle.settled();
      },
    });
    roomIdleLease.start();
    stops.unshift(() => roomIdleLease.stop());
    const plannedMeetings = planned();
    stops.unshift(
      () => plannedMeetings.stop(),
      () => refresher.stop(),
      () => reconciler.stop(),
      () => ingestor.idle(),
    );
    if (!config.callbacks.signatureSecret && config.video.mode !== 'emulator') {
      log.warn(
        'Vonage callbacks are not signed: set VONAGE_SIGNATURE_SECRET (preferred) or VONAGE_CALLBACK_TOKEN and use the /vonage/events/<token> URL',
        {
          callbackTokenSource: config.callbacks.pathTokenSource,
        },
      );
    }
    if (config.callbacks.signatureSecret && config.callbacks.allowUnhashed)
      log.warn(
        'VONAGE_ALLOW_UNHASHED_CALLBACKS is set: signed callbacks without payload_hash are accepted, so their bodies are not bound to the signature',
      );
    log.info('video-chatops is running', {
      url: publicUrl,
      port: bound.port,
      video: config.video.mode,
      chat: config.chatModes,
      store: store.kind,
    });
    let stopping: Promise<void> | undefined;
    return {
      config,
      url: bound.url,
      store,
      video,
      cards,
      server,
      emulator,
      remoteEmulator: remote,
      metricsUrl,
      ctx,
      door,
      shell,
      stop: () => (stopping ??= runStops(stops, log)),
    };
  } catch (err) {
    await runStops(stops, log);
    throw err;
  }
}

async function runStops(stops: Array<() => Promise<unknown>>, log: Logger): Promise<void> {
  for (const stop of stops) {
    try {
      await stop();
    } catch (err) {
      log.warn('a part failed to stop cleanly', { err });
    }
  }
}

/** The one sentence `npm start` prints when the app cannot start (a taken port says which and what to set). */
export function startupFailure(err: unknown, config: Pick<Config, 'port' | 'metrics' | 'video'>): string {
  const e = err as { code?: string; port?: number };
  if (e?.code === 'EADDRINUSE') {
    const taken = e.port ?? config.port;
    const owners: Array<[string, number | undefined]> = [
      ['PORT', config.port],
      ['METRICS_PORT', config.metrics.port],
      ['EMULATOR_PORT', config.video.mode === 'emulator' ? config.video.port : undefined],
    ];
    const variable = owners.find(([, p]) => p === taken)?.[0] ?? 'PORT';
    return `Could not start: port ${taken} is in use; set ${variable}=<another port> (for example ${variable}=${taken + 1}) or stop what is using it.`;
  }
  return `Could not start: ${err instanceof Error ? err.message : String(err)}`;
}

/** Entry point of `npm start`: configuration errors print one sentence and exit non-zero. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  // In console mode the terminal is the person's: the JSON log goes to a file the banner names.
  const consoleMode = config.chatModes.includes('shell');
  let logFile = consoleMode ? consoleLogPath(config.databaseUrl) : undefined;
  let file: ReturnType<typeof fileLogger> | undefined;
  try {
    if (logFile) file = fileLogger(logFile, config.logLevel);
  } catch (err) {
    process.stderr.write(
      `Cannot write the log to ${logFile}, logging here instead: ${(err as Error).message}\n`,
    );
    logFile = undefined;
  }
  const log = file?.log ?? createLogger({ level: config.logLevel });
  let app: App;
  try {
    app = await startApp(config, log, { console: true, ...(logFile ? { logFile } : {}) });
  } catch (err) {
    process.stderr.write(`${startupFailure(err, config)}\n`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    void app
      .stop()
      .then(() => file?.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // The console ends with its input (Ctrl-D, `quit`, or the end of a piped script).
  if (app.shell) void app.shell.done.then(() => shutdown('console closed'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
