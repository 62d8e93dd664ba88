import type { Logger } from '../log.js';
import type { VideoApi } from '../video/api.js';
import type { JoinStore } from './check.js';
import type { EmulatorControl } from './emulator-control.js';

/** What the join routes need from the rest of the bot. */
export interface JoinDeps {
  store: JoinStore;
  video: Pick<VideoApi, 'generateToken' | 'projectId'>;
  /** Secret that signs join tickets (and emulator grants). */
  ticketSecret: string;
  now: () => number;
  log: Logger;
  /** Set when the backend is the emulator: its base URL (control API under /_emulator/) or a control object. */
  emulator?: { url: string } | EmulatorControl;
  /** The bot's public base URL; browser POSTs must come from this origin (or the Host they were sent to). */
  publicUrl: string;
}

/** How long a Video token minted for the page stays valid for connecting (seconds). */
export const JOIN_TOKEN_TTL_S = 2 * 60 * 60;
