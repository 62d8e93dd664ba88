// Platform-neutral chat types: what adapters hand to the core and what the core hands back.
// Adapters (Slack, Discord, shell) translate these to and from their platform; src/ and commands/
// never import an adapter.

/** A chat platform the bot runs on. */
export type Platform = 'slack' | 'discord' | 'shell';

/** The person acting: `moderator` is the adapter's verdict from platform roles and permissions. */
export interface Actor {
  platform: Platform;
  id: string;
  name: string;
  /** Platform-derived moderator status (Slack admin/owner, Discord permissions or role). */
  moderator: boolean;
}

/** Where something happens: a channel in a workspace or guild. */
export interface Place {
  platform: Platform;
  teamId: string;
  channelId: string;
}

export type Visibility = 'ephemeral' | 'channel';
export type ButtonStyle = 'primary' | 'danger' | 'default';

/** A confirmation dialog shown before a dangerous button acts. */
export interface Confirm {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

/** One field of a modal form. */
export interface ModalField {
  id: string;
  label: string;
  /** `date` (YYYY-MM-DD) and `time` (HH:MM) are pickers where the platform has them, text otherwise. */
  kind: 'text' | 'multiline' | 'number' | 'checkbox' | 'select' | 'date' | 'time';
  required: boolean;
  placeholder?: string;
  hint?: string;
  options?: Array<{ label: string; value: string }>;
  /** Secret input (stream key, SIP password): the adapter never echoes it back. */
  secret?: boolean;
  maxLength?: number;
  /** The value the field starts with (an edit form shows what is there now); never for secret fields. */
  initial?: string;
}

/** A form the adapter shows (Slack modal, Discord modal, shell prompts); its submission runs `action`. */
export interface Modal {
  action: string;
  title: string;
  submitLabel: string;
  fields: ModalField[];
}

/**
 * A button. `action` names what it does (e.g. `record.start`), `key` is the store's short meeting key
 * (never a session ID), `value` an optional short argument (a connection ID). A button with `url`
 * is a link; one with `modal` opens a form first.
 */
export interface Button {
  action: string;
  label: string;
  key: string;
  value?: string;
  style?: ButtonStyle;
  confirm?: Confirm;
  modal?: Modal;
  url?: string;
}

/** A select menu of participants or choices; picking one runs `action` with the option's value. */
export interface Select {
  action: string;
  key: string;
  placeholder: string;
  options: Array<{ label: string; value: string; description?: string }>;
  confirm?: Confirm;
}

/**
 * A block of a neutral view. Neutral text (the contract every command and renderer follows):
 * `text`, `context` and `notice` texts and field `value`s may use exactly two kinds of markup,
 * `**bold**` and `` `code` `` (one line each, parsed by src/text/neutral.ts); every other character
 * is literal, user-supplied text included, and each renderer escapes it for its platform (Slack
 * `&`, `<`, `>`; Discord markdown, links and headings), so no command has to escape anything and
 * nothing a user typed can ping, link or format. Titles, labels, placeholders, button and option
 * texts, confirmation and modal texts are plain text (no markup at all). Names and titles are
 * cleaned of control characters once where they enter (src/text/clean.ts).
 */
export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'context'; text: string }
  | { type: 'notice'; level: 'info' | 'success' | 'warning' | 'error'; text: string }
  | { type: 'link'; label: string; url: string }
  /**
   * A planned time: Slack and Discord show it in each viewer's own zone (`<!date>`, `<t:...>`), the
   * console in `zone` (also Slack's fallback). `endMs` adds the end time.
   */
  | { type: 'time'; label: string; startMs: number; endMs?: number; zone: string }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'select'; select: Select }
  | { type: 'divider' };

/** A neutral view: a reply to a command or the content of a meeting card (text contract: see {@link Block}). */
export interface View {
  visibility: Visibility;
  title?: string;
  blocks: Block[];
  /** Set when this view is a meeting card (so the adapter stores the message against the meeting). */
  cardOf?: string;
}

/** A posted message that can be edited later. */
export interface MessageRef {
  platform: Platform;
  teamId: string;
  channelId: string;
  messageId: string;
}

/** Thrown by a {@link CardPublisher} when the platform asked us to wait. */
export class PlatformRateLimitedError extends Error {
  override readonly name = 'PlatformRateLimitedError';
  constructor(readonly retryAfterMs: number) {
    super(`The chat platform asked us to wait ${retryAfterMs} ms.`);
  }
}

/** A platform's own calendar entry for a planned meeting (a Discord Guild Scheduled Event). */
export interface CalendarEntry {
  title: string;
  description: string;
  startMs: number;
  endMs: number;
  /** Where people go to join (a link). */
  location: string;
}

/** The state of a platform calendar entry as the meeting moves on. */
export type CalendarStatus = 'active' | 'completed' | 'canceled';

/** A platform's calendar of planned meetings; Discord implements it with Guild Scheduled Events. */
export interface PlatformCalendar {
  /** Creates the entry in the place's guild or workspace; returns its ID. */
  create(place: Place, entry: CalendarEntry): Promise<string>;
  /** Changes the entry's time, title or status. */
  update(
    place: Place,
    id: string,
    change: Partial<CalendarEntry> & { status?: CalendarStatus },
  ): Promise<void>;
}

/**
 * How cards reach a platform: each adapter implements it and src/main.ts registers it, so the
 * card refresher never imports an adapter.
 */
export interface CardPublisher {
  readonly platform: Platform;
  /** Posts a new channel message; returns its reference. */
  post(place: Place, view: View): Promise<MessageRef>;
  /** Replaces a message previously posted by `post` or `reply`. Throws {@link PlatformRateLimitedError} on 429. */
  update(ref: MessageRef, view: View): Promise<void>;
  /**
   * Posts `view` as a reply in the thread of message `to` (Slack `thread_ts`, a Discord thread started
   * on the message, the shell prints it under the card); returns the reply's reference, which
   * `update` edits. Platforms without it get no meeting recap.
   */
  reply?(to: MessageRef, view: View): Promise<MessageRef>;
  /** The platform's calendar of planned meetings, where it has one (Discord). */
  readonly calendar?: PlatformCalendar;
  /**
   * Keeps a link at hand in the channel (Slack: a bookmark; Discord: a pinned message), replacing
   * the one `previous` names if the platform can; returns the new reference.
   */
  pinLink?(place: Place, link: PinnedLink, previous: string | null): Promise<string>;
  /** Removes a link kept by `pinLink` (one already gone is not an error). */
  unpinLink?(place: Place, ref: string): Promise<void>;
}

/** A link kept at hand in a channel (a channel room's join page). */
export interface PinnedLink {
  title: string;
  url: string;
}
