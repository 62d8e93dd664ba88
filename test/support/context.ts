// The CommandContext adapter tests hand the core, with the settings every test shares.
import type { CommandContext } from '../../commands/types.js';
import { LiveCards } from '../../src/cards/service.js';
import { silentLogger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import type { VideoApi } from '../../src/video/api.js';

/** Parts of a {@link testContext} a test chooses; the rest are fixed. */
export interface TestContextParts {
  store: Store;
  /** Absent: an empty object, for tests whose commands never reach the Video API. */
  video?: VideoApi;
  /** Absent: live cards on `store` with the default interval. */
  cards?: LiveCards;
  publicUrl?: string;
}

/** A CommandContext with a silent log, the real clock, no configured moderators and a test ticket secret. */
export function testContext(parts: TestContextParts): CommandContext {
  return {
    video: parts.video ?? ({} as VideoApi),
    store: parts.store,
    cards: parts.cards ?? new LiveCards({ store: parts.store, log: silentLogger }),
    log: silentLogger,
    now: Date.now,
    publicUrl: parts.publicUrl ?? 'http://127.0.0.1',
    moderatorIds: new Set(),
    ticketSecret: 't'.repeat(40),
  };
}
