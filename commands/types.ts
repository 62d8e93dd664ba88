import type { z } from 'zod';
import type { Actor, Place, View } from '../src/chat.js';
import type { CardService } from '../src/cards/types.js';
import type { Logger } from '../src/log.js';
import type { MeetingRecord, Store } from '../src/store/types.js';
import type { VideoApi } from '../src/video/api.js';
import type { RunWrites } from './writes.js';

/** A request as a command sees it: who asks, where, and (from a card) which meeting. */
export interface Invocation {
  /** The person, with the platform's moderator verdict. */
  actor: Actor;
  place: Place;
  /** Meeting short key when the request came from a card (button, select, form). */
  meetingKey?: string;
  /** Platform delivery ID (Slack trigger, Discord interaction ID): same ID means same request. */
  idempotencyKey?: string;
  source: 'slash' | 'button' | 'select' | 'modal' | 'shell';
  /** Run again after the replica that first ran it died: its effect may already be there. */
  rerun?: boolean;
  /** Asks the platform for the person's IANA time zone (null when it has none to say). */
  timeZone?: () => Promise<string | null>;
}

/** Who may run a command. */
export type RequiredRole = 'anyone' | 'moderator';

/** Services the core runs commands against (built by src/main.ts). */
export interface CoreServices {
  video: VideoApi;
  store: Store;
  /** Milliseconds since the epoch; injectable for tests. */
  now(): number;
  /** Base URL for links (join page). */
  publicUrl: string;
  /** Chat user IDs that are moderators everywhere (from configuration). */
  moderatorIds: ReadonlySet<string>;
  /** Live meeting cards: post, mark changed, render. */
  cards: CardService;
  /** HMAC secret for join tickets (src/join/tickets.ts). */
  ticketSecret: string;
  /**
   * Where the Video API sends caption status callbacks (this bot's callback URL); unset on the
   * emulator, which already sends every callback here.
   */
  captionsCallbackUrl?: string;
  /** How long after the last person left a channel room's meeting ends (ms; default 5 minutes). */
  roomIdleEndMs?: number;
  log: Logger;
}

/** What a command runs against: the services, the command list, and the meeting it acts on. */
export interface CommandContext extends CoreServices {
  /** Every command, in the order help lists them. */
  commands: readonly Command[];
  /** This run's store writes: committed by the front door in one transaction with its audit and reply. */
  writes: RunWrites;
  /** The meeting the command acts on; set by the core for commands that need one. */
  meeting?: MeetingRecord;
}

/**
 * A named argument of a command. Text invocations fill positional ones in order (the last may take
 * the rest of the line) and `--flags` by name; Discord registers each as a typed option.
 */
export interface OptionSpec {
  name: string;
  type: 'string' | 'integer' | 'boolean' | 'user' | 'string[]';
  description: string;
  required?: boolean;
  /** Filled from positional text arguments, in declaration order. */
  positional?: boolean;
  /** The last positional option takes the rest of the line. */
  rest?: boolean;
  choices?: readonly string[];
  /** Values one flag takes from text (`--rtmp URL KEY` takes 2, joined by a space); default 1. */
  arity?: number;
  /** What the values are, in words, for "`--rtmp` needs a URL and a stream key." (default "a value"). */
  values?: string;
  /** The value holds a credential (an RTMP stream key): never stored, logged or shown. */
  secret?: boolean;
}

/** A `/video` subcommand: one per file under commands/, listed in commands/registry.ts. */
export interface Command<S extends z.ZodType = z.ZodType> {
  /** Subcommand path as typed, e.g. `record start` or `mute`. */
  name: string;
  summary: string;
  usage: string;
  options: readonly OptionSpec[];
  /** Validates the named arguments (after text parsing or from typed options). */
  schema: S;
  role: RequiredRole;
  /** Its success is announced to the whole channel (the reply's visibility is `channel`). */
  announces?: boolean;
  /** Whether the command needs the channel's active meeting. */
  needsMeeting: boolean;
  /** With needsMeeting: in a channel whose room is empty, opens the room's next meeting (join). */
  opensRoom?: boolean;
  /** With needsMeeting: also runs on an ended meeting reached through a card's key (recordings). */
  allowEnded?: boolean;
  run(args: z.infer<S>, inv: Invocation, ctx: CommandContext): Promise<View>;
}
