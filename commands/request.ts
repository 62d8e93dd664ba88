import type { Place, Platform } from '../src/chat.js';

// What an adapter hands the front door: a platform-neutral request. The adapter translates a Slack
// or Discord payload (or a console line) into one of these and knows nothing of commands, roles or
// meetings; the core resolves, checks and runs it.

/** The person asking, as the platform request tells it. */
export interface RequestActor {
  platform: Platform;
  id: string;
  name: string;
  /** Moderator status the request itself proves (Discord permissions, the console's `as --moderator`). */
  moderator?: boolean;
  /** Platform role IDs (Discord), for the platform's own moderator-role check. */
  roles?: string[];
}

/** Values of a submitted form, by field ID. */
export type FormFields = Record<string, string | boolean | undefined>;

/** What is asked: a typed line, a typed command (Discord options), or a card control (button, select, form). */
export type Ask =
  | { kind: 'text'; text: string }
  | { kind: 'command'; command: string; options: Record<string, unknown> }
  | { kind: 'action'; action: string; key: string; value?: string; fields?: FormFields };

/** One chat request. */
export interface ChatRequest {
  actor: RequestActor;
  place: Place;
  ask: Ask;
  source: 'slash' | 'button' | 'select' | 'modal' | 'shell';
  /**
   * The delivery's own ID (Slack `team:trigger_id`, a Discord interaction ID). The platform may
   * deliver the same request twice; the front door runs it once per delivery ID.
   */
  delivery?: string;
  /** A second "same intent" key (a double click: same user, message, control and value) and its window. */
  repeatOf?: { key: string; windowMs: number };
  /**
   * Where the reply goes (a response_url, an interaction token and how it was acked): opaque to the
   * core, JSON only, kept in the pending row until the request is done, never logged.
   */
  replyTo?: unknown;
  /** The reply target stops working at this time (ms): work still queued then is dropped. */
  replyBy?: number;
}

/** A card control before it runs: which action of which meeting, from whom and where. */
export interface Control {
  actor: RequestActor;
  place: Place;
  action: string;
  /** The meeting's short key carried by the control. */
  key: string;
}
