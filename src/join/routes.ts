import { assetHandler } from './assets.js';
import type { JoinDeps } from './deps.js';
import { emulatorHandler } from './emulator-routes.js';
import { joinPageHandler, tokenExchangeHandler } from './exchange.js';
import type { JoinRouter } from './http.js';

export type { JoinDeps } from './deps.js';

/**
 * Mounts the join page on the bot's HTTP server: GET /join/:ticket (page or friendly error),
 * POST /join/:ticket/token (single-use exchange for a Video token), GET /join/assets/:file (page
 * scripts, styles and the Vonage client library) and POST /join/emulator/:op (emulator mode relay).
 */
export function mountJoinRoutes(server: JoinRouter, deps: JoinDeps): void {
  server.route('GET', '/join/assets/:file', assetHandler());
  server.route('GET', '/join/:ticket', joinPageHandler(deps));
  server.route('POST', '/join/:ticket/token', tokenExchangeHandler(deps));
  server.route('POST', '/join/emulator/:op', emulatorHandler(deps));
}
