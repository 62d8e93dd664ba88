import type { Actor, Place, Platform, Visibility } from '../src/chat.js';
import type { PendingCommands } from '../src/replica/pending.js';
import type { PlatformPort, Ticket } from './door-types.js';
import type { CommandError } from './errors.js';
import type { ChatRequest, RequestActor } from './request.js';
import type { Resolved } from './resolve.js';
import type { Command, CommandContext, CoreServices } from './types.js';
import type { WorkQueue } from './work-queue.js';
import { RunWrites } from './writes.js';

// What the front door's steps share: the services, the command list, the platforms served (their
// ports and recovery loops) and the queue of accepted work.

/** The front door's state, handed to each step. */
export interface DoorState {
  services: CoreServices;
  list: readonly Command[];
  ports: Map<Platform, PlatformPort>;
  recoveries: Map<Platform, PendingCommands>;
  work: WorkQueue;
  /** How long the pre-ack write may wait in the store, and when the ack goes out regardless (ms). */
  budgets: { storeMs: number; ackMs: number };
}

/** An accepted request as the steps see it. */
export class Accepted implements Ticket {
  constructor(
    readonly request: ChatRequest,
    /** Its command and arguments, or why it does not resolve (answered without running anything). */
    readonly resolved: Resolved | CommandError,
    /** The visibility its ack announced. */
    readonly acked: Visibility,
    /** Its pending row, when it was recorded durably. */
    readonly pendingId?: string,
    /** A secret argument was left out of the stored request: a re-run asks for it again. */
    readonly withheld = false,
    /** The pre-ack write, when it had not landed by the ack: the run waits for it first. */
    readonly recording?: Promise<boolean[]>,
  ) {}
}

/**
 * A command's context for one run, with its own write collector. The services are its prototype,
 * not copied into it: copying their ~20 fields with a spread cost about 3 us per run (twice per
 * command, with the meeting added), and reads through the prototype see what is set after start-up
 * (tests and benchmarks set the public URL once the server has its port). So a context is never
 * spread: its own fields are only the run's.
 */
export function contextOf(s: DoorState): CommandContext {
  const ctx = Object.create(s.services) as CommandContext;
  ctx.commands = s.list;
  ctx.writes = new RunWrites();
  return ctx;
}

/** The pending row's ID of a delivery: the platform, then the adapter's delivery ID. */
export const deliveryKey = (platform: Platform, delivery: string): string => `${platform}:${delivery}`;

/** The port of the adapter serving `platform`. */
export function portOf(s: DoorState, platform: Platform): PlatformPort {
  const port = s.ports.get(platform);
  if (!port) throw new Error(`No adapter serves ${platform}.`);
  return port;
}

/** The actor with the platform's moderator verdict (configured IDs first, then the adapter's port). */
export async function actorOf(s: DoorState, a: RequestActor, place: Place): Promise<Actor> {
  let moderator = a.moderator === true || s.services.moderatorIds.has(a.id);
  if (!moderator) {
    try {
      moderator = await portOf(s, a.platform).isModerator(a, place);
    } catch (err) {
      s.services.log.warn('moderator check failed; treating the person as a participant', { err });
    }
  }
  return { platform: a.platform, id: a.id, name: a.name, moderator };
}

/** Meeting keys are short and URL-safe; anything else is never looked up. */
export function validKey(key: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(key);
}
