import { assetHandler } from './assets.js';
import type { JoinDeps } from './deps.js';
import { emulatorHandler } from './emulator-routes.js';
import { joinPageHandler, tokenExchangeHandler } from './exchange.js';
import type { JoinRouter } from './http.js';
import { rejoinHandler, statusHandler } from './rejoin.js';
import { roomPageHandler } from './room-page.js';

export type { JoinDeps } from './deps.js';

/**
 * Mounts the join page on the bot's HTTP server: GET /join/:ticket (page or friendly error),
 * POST /join/:ticket/token (single-use exchange for a Video token), GET /join/assets/:file (page
 * scripts, styles and the Vonage client library), POST /join/rejoin and /join/status (after
 * leaving or being disconnected) and POST /join/emulator/:op (emulator mode relay). `close()` ends
 * the page polls that are waiting, so a shutdown does not wait for them.
 */
export function mountJoinRoutes(server: JoinRouter, deps: JoinDeps): { close(): void } {
  const shutdown = new AbortController();
  server.route('GET', '/join/assets/:file', assetHandler());
  server.route('POST', '/join/rejoin', rejoinHandler(deps));
  server.route('POST', '/join/status', statusHandler(deps));
  server.route('GET', '/join/room/:room', roomPageHandler(deps));
  server.route('GET', '/join/:ticket', joinPageHandler(deps));
  server.route('POST', '/join/:ticket/token', tokenExchangeHandler(deps));
  server.route('POST', '/join/emulator/:op', emulatorHandler(deps, shutdown.signal));
  return { close: () => shutdown.abort() };
}
