import type { Router } from '../http.js';
import { archiveRoutes } from './archives.js';
import type { Api } from './context.js';
import { controlRoutes, type ControlDeps } from './control.js';
import { sessionRoutes } from './sessions.js';
import { signalingRoutes } from './signaling.js';
import { streamRoutes } from './streams.js';

/** Registers every REST route and the /_emulator/ control API. */
export function buildRoutes(router: Router, api: Api, control: ControlDeps): void {
  sessionRoutes(router, api);
  archiveRoutes(router, api);
  streamRoutes(router, api);
  signalingRoutes(router, api);
  controlRoutes(router, control);
}
