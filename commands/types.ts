import type { z } from 'zod';
import type { Actor, Place, View } from '../src/chat.js';
import type { CardService } from '../src/cards/types.js';
import type { Logger } from '../src/log.js';
import type { MeetingRecord, Store } from '../src/store/types.js';
import type { VideoApi } from '../src/video/api.js';

/**
 * One request to the core, from a slash command, a button, a select or a modal submission.
 * Text commands carry `text` (everything after `/video`); typed platforms (Discord options, modal
 * fields, buttons) carry `command` plus `options`, which are validated by the same zod schemas.
 */
export interface Invocation {
  actor: Actor;
  place: Place;
  /** Raw text after `/video`, e.g. `record start "Weekly sync" --layout pip`. */
  text?: string;
  /** Subcommand path (`record start`) when arguments come typed. */
  command?: string;
  options?: Record<string, unknown>;
  /** Meeting short key when the request came from a card (button, select, modal). */
  meetingKey?: string;
  /** Platform delivery ID (Slack trigger/retry, Discord interaction ID): same ID means same request. */
  idempotencyKey?: string;
  source: 'slash' | 'button' | 'select' | 'modal' | 'shell';
}

/** Who may run a command. */
export type RequiredRole = 'anyone' | 'moderator';

/** Services a command runs against. */
export interface CommandContext {
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
  log: Logger;
  /** The meeting the command acts on; set by dispatch for commands that need one. */
  meeting?: MeetingRecord;
}

/**
 * A click on a card: a button (`value` is its short argument), a select (`value` is the chosen option)
 * or a modal submission (`fields` by field id). `action` is the Button/Select/Modal action, e.g.
 * `record.start`; the core maps it onto the matching command (dots become spaces) and re-checks the
 * clicker's role. Adapters call `dispatchAction` from commands/dispatch.ts with it.
 */
export interface ActionRequest {
  actor: Actor;
  place: Place;
  action: string;
  /** Meeting short key carried by the component. */
  key: string;
  value?: string;
  fields?: Record<string, string | boolean | undefined>;
  idempotencyKey?: string;
  source: 'button' | 'select' | 'modal';
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
  /** Whether the command needs the channel's active meeting. */
  needsMeeting: boolean;
  /** With needsMeeting: also runs on an ended meeting reached through a card's key (recordings). */
  allowEnded?: boolean;
  run(args: z.infer<S>, inv: Invocation, ctx: CommandContext): Promise<View>;
}
