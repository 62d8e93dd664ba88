// Planned meetings in the store: schedules (a plan, see src/schedule/recurrence.ts), their
// cancelled occurrences, RSVPs, each person's time zone, and the timers that fire once across
// replicas. Writes are StoreWrites (one unit of work with the rest); reads and the claim are here.

import type { MessageRef, Platform } from '../chat.js';
import type { LocalDateTime } from '../schedule/civil.js';
import type { Every } from '../schedule/recurrence.js';
import type { Timer, TimerKind } from '../schedule/timers.js';

/** A planned meeting or series in a channel. */
export interface ScheduleRecord {
  id: string;
  platform: Platform;
  teamId: string;
  channelId: string;
  title: string;
  creatorId: string;
  creatorName: string;
  /** IANA zone the wall times are in. */
  zone: string;
  /** Wall time of the first occurrence in `zone`. */
  first: LocalDateTime;
  durationMinutes: number;
  every: Every | null;
  remindMinutes: number | null;
  /** Set when the series was cancelled: no occurrence starting at or after it remains. */
  cancelledFrom: number | null;
  /** Start instants of occurrences cancelled one by one (read only: written with scheduleException). */
  exceptions: number[];
  createdAt: number;
  /** Bumped by each edit (the `.ics` SEQUENCE, so calendars replace the entry they have). */
  revision: number;
}

/** What an edit of a schedule may change. */
export type SchedulePatch = Partial<
  Pick<ScheduleRecord, 'title' | 'zone' | 'first' | 'durationMinutes' | 'remindMinutes'>
>;

/** A Discord Guild Scheduled Event's status, as we last set it. */
export type EventStatus = 'scheduled' | 'active' | 'completed' | 'canceled';

/** What one occurrence of a schedule became: its meeting, and its platform event (Discord). */
export interface OccurrenceLink {
  scheduleId: string;
  occurrenceStartMs: number;
  meetingId: string | null;
  eventId: string | null;
  eventStatus: EventStatus | null;
}

/** One person's answer for one occurrence; the latest answer wins. */
export interface RsvpRecord {
  scheduleId: string;
  occurrenceStartMs: number;
  userId: string;
  going: boolean;
  at: number;
}

/** The schedule writes of a unit of work (see Store.commit). */
export type ScheduleWrite =
  /** Inserts a schedule; not applied when its ID exists (a repeated request). */
  | { kind: 'createSchedule'; schedule: Omit<ScheduleRecord, 'exceptions' | 'revision'> }
  /** Changes a schedule's title, time, length or reminder and bumps its revision. */
  | { kind: 'editSchedule'; id: string; patch: SchedulePatch }
  /** Remembers a posted schedule card (edited when RSVPs change); not applied when known. */
  | { kind: 'addSchedulePost'; scheduleId: string; ref: MessageRef; at: number }
  /**
   * Links an occurrence to its meeting and/or platform event (fields left out are kept). An event
   * status only moves forward (scheduled -> active -> completed; canceled from any): a status that
   * would not advance is not applied, so the one writer that advances it makes the platform call.
   */
  | {
      kind: 'linkOccurrence';
      scheduleId: string;
      occurrenceStartMs: number;
      meetingId?: string;
      eventId?: string;
      eventStatus?: EventStatus;
    }
  /** Cancels the series from `fromMs` on; not applied when it already ended at or before that. */
  | { kind: 'cancelSchedule'; id: string; fromMs: number }
  /** Cancels one occurrence (by its start); the series goes on; not applied when already cancelled. */
  | { kind: 'scheduleException'; scheduleId: string; occurrenceStartMs: number }
  /** Records an answer; not applied when a later answer of the same person is stored. */
  | { kind: 'rsvp'; record: RsvpRecord }
  /** Remembers a person's time zone (Discord's `--tz`). */
  | { kind: 'personTimeZone'; platform: Platform; userId: string; zone: string; at: number }
  /** Adds a timer; not applied when its ID exists (planning twice makes no second timer). */
  | { kind: 'addTimer'; timer: Timer }
  /** Marks a timer done (fired, skipped); not applied when it was done already. */
  | { kind: 'finishTimer'; id: string; outcome: 'fired' | 'skipped'; at: number }
  /**
   * Drops (marks done as cancelled) the unfinished timers of `kinds` for occurrences starting in
   * [fromMs, toMs] (toMs defaults to forever): with cancelSchedule, or with scheduleException and
   * kinds remind/start (that occurrence's end still rolls the series on).
   */
  | {
      kind: 'dropTimers';
      scheduleId: string;
      fromMs: number;
      toMs?: number;
      kinds: readonly TimerKind[];
      at: number;
    };

/** The schedule part of the Store. */
export interface ScheduleMethods {
  getSchedule(id: string): Promise<ScheduleRecord | null>;
  /** The channel's schedules not cancelled before `now`, oldest first. */
  listChannelSchedules(
    platform: Platform,
    teamId: string,
    channelId: string,
    now: number,
  ): Promise<ScheduleRecord[]>;
  /** The answers for one occurrence, oldest first. */
  listRsvps(scheduleId: string, occurrenceStartMs: number): Promise<RsvpRecord[]>;
  getPersonTimeZone(platform: Platform, userId: string): Promise<string | null>;
  /** The schedule cards posted for a schedule, oldest first. */
  listSchedulePosts(scheduleId: string): Promise<MessageRef[]>;
  /** What occurrences of a schedule became (meetings, events), by start. */
  listOccurrenceLinks(scheduleId: string): Promise<OccurrenceLink[]>;
  /** The occurrence a meeting was started for, if it was. */
  occurrenceOfMeeting(meetingId: string): Promise<OccurrenceLink | null>;
  setPersonTimeZone(platform: Platform, userId: string, zone: string, at: number): Promise<void>;
  /**
   * Unfinished timers due at or before `untilMs` that nobody holds (unclaimed, or claimed at or
   * before `staleBefore`), earliest first, at most `limit`.
   */
  dueTimers(untilMs: number, staleBefore: number, limit: number): Promise<Timer[]>;
  /** When the next unfinished timer can run (a held one: when its claim goes stale); null when none. */
  nextTimerAt(staleMs: number): Promise<number | null>;
  /** Claims an unfinished timer that nobody holds; true for exactly one caller across replicas. */
  claimTimer(id: string, owner: string, now: number, staleBefore: number): Promise<boolean>;
  /** Marks a timer done and adds the timers its action planned, in one unit of work. */
  finishTimer(
    id: string,
    outcome: 'fired' | 'skipped',
    now: number,
    planned: readonly Timer[],
  ): Promise<void>;
}
