import type { Router } from '../http.js';
import { archiveRoutes } from './archives.js';
import { broadcastUpdateRoutes } from './broadcast-update.js';
import { broadcastRoutes } from './broadcasts.js';
import { callbackRoutes } from './callbacks.js';
import { captionRoutes } from './captions.js';
import type { Api } from './context.js';
import { controlRoutes, type ControlDeps } from './control.js';
import { hlsRoutes } from './hls.js';
import { renderRoutes } from './renders.js';
import { sessionRoutes } from './sessions.js';
import { signalingRoutes } from './signaling.js';
import { sipRoutes } from './sip.js';
import { streamRoutes } from './streams.js';
import { transcriptRoutes } from './transcripts.js';

/** Registers every REST route and the /_emulator/ control API. */
export function buildRoutes(router: Router, api: Api, control: ControlDeps): void {
  sessionRoutes(router, api);
  archiveRoutes(router, api);
  streamRoutes(router, api);
  signalingRoutes(router, api);
  broadcastRoutes(router, api);
  renderRoutes(router, api);
  sipRoutes(router, api);
  broadcastUpdateRoutes(router, api);
  captionRoutes(router, api);
  callbackRoutes(router, api);
  transcriptRoutes(router, api);
  controlRoutes(router, control);
  hlsRoutes(router, control.world);
}
