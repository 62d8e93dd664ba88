// The bot's core around a store and a Video client, as the chat benchmarks run it (production card
// intervals, silent logs): live cards, the card refresher, the HTTP server with signed Vonage
// callbacks, and the CommandContext the adapters get. Each benchmark adds its adapter and listens.
import { CardRefresher } from '../dist/src/cards/refresher.js';
import { LiveCards } from '../dist/src/cards/service.js';
import { mountCallbacks } from '../dist/src/events/index.js';
import { silentLogger } from '../dist/src/log.js';
import { registry } from '../dist/src/metrics.js';
import { createHttpServer } from '../dist/src/server.js';

/** Wires cards, refresher (not started), server (not listening), callbacks and ctx for `store` and `video`. */
export function wireBotCore({ store, video, callbackSecret }) {
  const cards = new LiveCards({ store, log: silentLogger });
  const refresher = new CardRefresher({ cards, log: silentLogger });
  const server = createHttpServer({ log: silentLogger, metrics: registry });
  const ingestor = mountCallbacks(server, {
    store,
    cards,
    log: silentLogger,
    auth: { signatureSecret: callbackSecret, pathToken: 'x'.repeat(32) },
  });
  const ctx = {
    video,
    store,
    cards,
    log: silentLogger,
    now: Date.now,
    publicUrl: 'http://127.0.0.1',
    moderatorIds: new Set(),
    ticketSecret: 't'.repeat(40),
  };
  return { cards, refresher, server, ingestor, ctx };
}

/** The post-ack work queue's options from BENCH_MAX_RUNNING and BENCH_STARTS_PER_TURN (unset: the product's defaults). */
export function workKnobs(env = process.env) {
  return {
    ...(env.BENCH_MAX_RUNNING ? { maxRunning: Number(env.BENCH_MAX_RUNNING) } : {}),
    ...(env.BENCH_STARTS_PER_TURN ? { startsPerTurn: Number(env.BENCH_STARTS_PER_TURN) } : {}),
  };
}
