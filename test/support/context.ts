// The services and front door adapter tests hand the core, with the settings every test shares.
import {
  createFrontDoor,
  type ChatRequest,
  type FrontDoor,
  type FrontDoorOptions,
  type PlatformPort,
} from '../../commands/front-door.js';
import type { CoreServices } from '../../commands/types.js';
import { LiveCards } from '../../src/cards/service.js';
import type { View } from '../../src/chat.js';
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

/** Core services with a silent log, the real clock, no configured moderators and a test ticket secret. */
export function testContext(parts: TestContextParts): CoreServices {
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

/** The front door over `services`, as replica `test-replica` unless `pending.holder` says otherwise. */
export function testDoor(
  services: CoreServices,
  pending: Partial<FrontDoorOptions['pending']> = {},
  work?: FrontDoorOptions['work'],
  budgets?: FrontDoorOptions['budgets'],
): FrontDoor {
  return createFrontDoor({
    services,
    pending: { holder: 'test-replica', ...pending },
    ...(work ? { work } : {}),
    ...(budgets ? { budgets } : {}),
  });
}

/** A platform port that records every reply the core delivers (tests of the core behind the door). */
export function recordingPort(
  platform: PlatformPort['platform'],
  moderators: ReadonlySet<string> = new Set(),
): PlatformPort & { replies: Array<{ req: ChatRequest; view: View }> } {
  const replies: Array<{ req: ChatRequest; view: View }> = [];
  return {
    platform,
    replies,
    isModerator: async (actor) => moderators.has(actor.id),
    deliver: async (req, view) => void replies.push({ req, view }),
  };
}

/** Accepts and runs `req` through `door`: the reply, or what the ack said instead ('repeat', a busy sentence). */
export async function ask(door: FrontDoor, req: ChatRequest): Promise<View | string> {
  const answer = await door.accept(req);
  if (answer.kind === 'busy') return answer.text;
  if (answer.kind === 'repeat') return 'repeat';
  return (await door.run(answer.ticket)) ?? 'dropped';
}
