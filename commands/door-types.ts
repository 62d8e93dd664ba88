import type { Place, Platform, View, Visibility } from '../src/chat.js';
import type { Form } from './forms.js';
import type { ChatRequest, Control, FormFields, RequestActor } from './request.js';
import type { Command } from './types.js';

// The front door's surface: what adapters call (FrontDoor) and what they lend it (PlatformPort).

/** A command as adapters list it (Discord registration, console completion). */
export type CommandInfo = Pick<Command, 'name' | 'summary' | 'usage' | 'role' | 'options'>;

/** What a platform adapter lends the core: its moderator verdict and its way to show a reply. */
export interface PlatformPort {
  readonly platform: Platform;
  /** Whether the platform makes `actor` a moderator (workspace admin, a moderator role); may be cached. */
  isModerator(actor: RequestActor, place: Place): Promise<boolean>;
  /**
   * Shows `view` as the reply to `req` (through `req.replyTo`); `acked` is the visibility the ack
   * announced (see {@link Ack}). Failures are the port's to log; never throws.
   */
  deliver(req: ChatRequest, view: View, acked: Visibility): Promise<void>;
  /** The person's IANA time zone as the platform knows it (Slack users.info `tz`); null when unknown. */
  timeZone?(actor: RequestActor, place: Place): Promise<string | null>;
  /** Record requests durably so another replica finishes them if this one dies (default true). */
  durable?: boolean;
}

/** An accepted request: hand it to {@link FrontDoor.run} once the platform has its ack. */
export interface Ticket {
  readonly request: ChatRequest;
}

/** The answer to {@link FrontDoor.accept}. */
export type Ack =
  /** Ack it (`visibility`: how its reply will most likely be shown), then run the ticket. */
  | { kind: 'accepted'; ticket: Ticket; visibility: Visibility }
  /** Another delivery of the same request was accepted (or a double click): ack, do nothing more. */
  | { kind: 'repeat' }
  /** Answer `text` in the ack; nothing runs. */
  | { kind: 'busy'; text: string };

/** What a control may open before it runs: its form or confirmation, or a refusal sentence. */
export type Opening = ({ ok: true } & Form) | { ok: false; text: string };

/** The core's front door. */
export interface FrontDoor {
  readonly commands: readonly CommandInfo[];
  /** Serves a platform: its requests can run, and its acknowledged requests are recovered. */
  serve(port: PlatformPort): void;
  /** Stops serving a platform's recovery (its requests still owned here are taken over elsewhere). */
  leave(platform: Platform): Promise<void>;
  /** Takes a request before its ack: one durable write at most, within the ack deadline. Never throws. */
  accept(req: ChatRequest): Promise<Ack>;
  /** Runs an accepted request after its ack and delivers its reply; resolves with that reply. */
  run(ticket: Ticket): Promise<View | undefined>;
  /** Checks a control that opens a form or a confirmation (place, role) and finds what it opens. */
  open(control: Control): Promise<Opening>;
  /** Errors of a submitted form by field ID (empty: it may run). */
  check(control: Control, fields: FormFields): Promise<Record<string, string>>;
  /** Resolves when no accepted work is queued or running. */
  idle(): Promise<void>;
}
