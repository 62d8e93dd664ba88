// The bot's core parts wired for real on loopback, shared by the adapter and callback harnesses:
// in-memory SQLite store + Video API emulator + Video client + live cards + card refresher + HTTP
// server with signed Vonage callbacks + a CommandContext. Each harness adds its own platform parts.
// src/main.ts's startApp is not reused: tests need fast card intervals, a fast archive emulator and
// no background reconciler, none of which startApp takes.
import type { CommandContext } from '../../commands/types.js';
import { CardRefresher } from '../../src/cards/refresher.js';
import { LiveCards } from '../../src/cards/service.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { mountCallbacks, type CallbackIngestor } from '../../src/events/index.js';
import { connectionData } from '../../src/identity.js';
import type { Platform } from '../../src/chat.js';
import { silentLogger } from '../../src/log.js';
import { registry } from '../../src/metrics.js';
import { createHttpServer, type HttpServer } from '../../src/server.js';
import { openStore } from '../../src/store/index.js';
import type { MeetingRecord, Store } from '../../src/store/types.js';
import { VideoClient } from '../../src/video/index.js';
import { testContext } from './context.js';

/** Options of {@link startBotStack}. */
export interface BotStackOptions {
  /** Signature secret shared by the emulator and the callback endpoint. */
  callbackSecret: string;
  /** Card edit interval (LiveCards' default when absent). */
  minIntervalMs?: number;
  /** Refresher poll interval. */
  pollMs: number;
  /** Emulator delivers callbacks shuffled. */
  outOfOrder?: boolean;
  /** First wait before a card that could not be posted is tried again (LiveCards' default when absent). */
  cardRetryBaseMs?: number;
}

/** What {@link BotStack.settle} waits for besides the emulator and the callback ingestor. */
export interface SettleOptions {
  /** Named in the error when the stack does not settle. */
  name: string;
  /** Another part to wait for (a chat adapter). */
  idle?: () => Promise<unknown>;
  /** Extra condition for "settled" (checked with no dirty card). */
  quiet?: () => boolean;
}

/** The wired parts; call listen() once the harness has mounted its routes. */
export interface BotStack {
  store: Store;
  emulator: Emulator;
  video: VideoClient;
  cards: LiveCards;
  refresher: CardRefresher;
  server: HttpServer;
  ingestor: CallbackIngestor;
  ctx: CommandContext;
  /** Binds an ephemeral port, points ctx and the emulator's callbacks at it, starts the refresher. */
  listen(): Promise<string>;
  /** Waits until the emulator sent everything, callbacks are applied and no card is dirty. */
  settle(opts: SettleOptions): Promise<void>;
  /** Connects `name` to the meeting's session through the emulator; returns the connection ID. */
  connect(m: MeetingRecord, platform: Platform, userId: string, name: string): Promise<string>;
  /** Runs `stop` on close, after the refresher stops and before the emulator, server, client and store close. */
  onClose(stop: () => Promise<unknown>): void;
  close(): Promise<void>;
}

/** Starts the store and emulator and wires the rest (not yet listening). */
export async function startBotStack(opts: BotStackOptions): Promise<BotStack> {
  const store = await openStore('sqlite::memory:', { log: silentLogger });
  const emulator = await startEmulator({
    signatureSecret: opts.callbackSecret,
    outOfOrder: opts.outOfOrder,
    timing: { archiveAvailableMs: 50 },
  });
  const video = new VideoClient({
    apiKey: emulator.apiKey,
    apiSecret: emulator.apiSecret,
    baseUrl: emulator.url,
    retry: false,
  });
  const cards = new LiveCards({
    store,
    log: silentLogger,
    minIntervalMs: opts.minIntervalMs,
    retryBaseMs: opts.cardRetryBaseMs,
  });
  const refresher = new CardRefresher({ cards, log: silentLogger, pollMs: opts.pollMs });
  const server = createHttpServer({ log: silentLogger, metrics: registry });
  const ingestor = mountCallbacks(server, {
    store,
    cards,
    log: silentLogger,
    auth: { signatureSecret: opts.callbackSecret, pathToken: 'x'.repeat(32) },
  });
  const ctx = testContext({ video, store, cards });
  const stops: Array<() => Promise<unknown>> = [];

  return {
    store,
    emulator,
    video,
    cards,
    refresher,
    server,
    ingestor,
    ctx,
    async listen() {
      const { url } = await server.listen(0, '127.0.0.1');
      ctx.publicUrl = url;
      emulator.setCallbackUrl(`${url}/vonage/events`);
      refresher.start();
      return url;
    },
    async settle({ name, idle, quiet }) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        await emulator.idle();
        await ingestor.idle();
        if (idle) await idle();
        const dirty = await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 10);
        if (dirty.length === 0 && (!quiet || quiet())) return;
        if (Date.now() > deadline) throw new Error(`${name} did not settle`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async connect(m, platform, userId, name) {
      const token = video.generateToken(m.sessionId, { data: connectionData({ platform, userId, name }) });
      return (await emulator.connect(m.sessionId, token)).connectionId;
    },
    onClose(stop) {
      stops.push(stop);
    },
    async close() {
      await refresher.stop();
      for (const stop of stops) await stop();
      await emulator.close();
      await server.close();
      await video.close();
      await store.close();
    },
  };
}
