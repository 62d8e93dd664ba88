// Schedule rows and the statements of the schedule writes, written once for both backends.

import { bool, flag, num, numOrNull, str, strOrNull, type Row } from './columns.js';
import type { Dialect } from './dialect.js';
import type { MessageRef, Platform } from '../chat.js';
import type { LocalDateTime } from '../schedule/civil.js';
import type { Every } from '../schedule/recurrence.js';
import type { Timer, TimerKind } from '../schedule/timers.js';
import type {
  EventStatus,
  OccurrenceLink,
  RsvpRecord,
  SchedulePatch,
  ScheduleRecord,
  ScheduleWrite,
} from './schedule-types.js';
import type { StoreWrite } from './types.js';

const SCHEDULE_KINDS = new Set<StoreWrite['kind']>([
  'createSchedule',
  'cancelSchedule',
  'scheduleException',
  'rsvp',
  'personTimeZone',
  'addTimer',
  'finishTimer',
  'dropTimers',
  'editSchedule',
  'addSchedulePost',
  'linkOccurrence',
]);

/** True for the schedule writes (none of them changes what a meeting card shows). */
export function isScheduleWrite(w: StoreWrite): w is ScheduleWrite {
  return SCHEDULE_KINDS.has(w.kind);
}

/** `2026-12-07T15:30`: how a wall time is stored. */
function localOut(t: LocalDateTime): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.year, 4)}-${p(t.month)}-${p(t.day)}T${p(t.hour)}:${p(t.minute)}`;
}

function localIn(v: unknown): LocalDateTime {
  const [date, time] = str(v).split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { year, month, day, hour, minute };
}

/** Row (and its exceptions) to schedule record. */
export function scheduleFromRow(r: Row, exceptions: number[]): ScheduleRecord {
  return {
    id: str(r.id),
    platform: str(r.platform) as Platform,
    teamId: str(r.team_id),
    channelId: str(r.channel_id),
    title: str(r.title),
    creatorId: str(r.creator_id),
    creatorName: str(r.creator_name),
    zone: str(r.zone),
    first: localIn(r.first_local),
    durationMinutes: num(r.duration_minutes),
    every: strOrNull(r.every) as Every | null,
    remindMinutes: numOrNull(r.remind_minutes),
    cancelledFrom: numOrNull(r.cancelled_from),
    exceptions,
    createdAt: num(r.created_at),
    revision: num(r.revision ?? 0),
  };
}

/** Row to the reference of a posted schedule card. */
export function postFromRow(r: Row): MessageRef {
  return {
    platform: str(r.platform) as Platform,
    teamId: str(r.team_id),
    channelId: str(r.channel_id),
    messageId: str(r.message_id),
  };
}

/** Row to occurrence link. */
export function occurrenceFromRow(r: Row): OccurrenceLink {
  return {
    scheduleId: str(r.schedule_id),
    occurrenceStartMs: num(r.occurrence_start),
    meetingId: strOrNull(r.meeting_id),
    eventId: strOrNull(r.event_id),
    eventStatus: strOrNull(r.event_status) as EventStatus | null,
  };
}

const PATCH_COLUMNS: Record<keyof SchedulePatch, string> = {
  title: 'title',
  zone: 'zone',
  first: 'first_local',
  durationMinutes: 'duration_minutes',
  remindMinutes: 'remind_minutes',
};

function editStatement(id: string, patch: SchedulePatch): { sql: string; params: unknown[] } {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, column] of Object.entries(PATCH_COLUMNS) as Array<[keyof SchedulePatch, string]>) {
    if (!(key in patch)) continue;
    const value = patch[key];
    sets.push(`${column} = ?`);
    params.push(key === 'first' ? localOut(value as LocalDateTime) : (value ?? null));
  }
  sets.push('revision = revision + 1');
  return { sql: `UPDATE schedules SET ${sets.join(', ')} WHERE id = ?`, params: [...params, id] };
}

const ADD_POST = `INSERT INTO schedule_posts (schedule_id, platform, team_id, channel_id, message_id, created_at)
  VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (schedule_id, message_id) DO NOTHING`;
// Event statuses only move forward: a write that would not advance the status is not applied, so
// of two replicas moving an event on, one wins the step (and makes the platform call) and the
// other learns it lost. Writes without a status (meeting or event ID) always apply.
const RANK_OF = (col: string) =>
  `CASE ${col} WHEN 'scheduled' THEN 0 WHEN 'active' THEN 1 WHEN 'completed' THEN 2 WHEN 'canceled' THEN 3 ELSE -1 END`;
const LINK = `INSERT INTO schedule_occurrences (schedule_id, occurrence_start, meeting_id, event_id, event_status)
  VALUES (?, ?, ?, ?, ?) ON CONFLICT (schedule_id, occurrence_start) DO UPDATE SET
  meeting_id = COALESCE(excluded.meeting_id, schedule_occurrences.meeting_id),
  event_id = COALESCE(excluded.event_id, schedule_occurrences.event_id),
  event_status = COALESCE(excluded.event_status, schedule_occurrences.event_status)
  WHERE excluded.event_status IS NULL
    OR ${RANK_OF('excluded.event_status')} > ${RANK_OF('schedule_occurrences.event_status')}`;

/** Row to RSVP record. */
export function rsvpFromRow(r: Row): RsvpRecord {
  return {
    scheduleId: str(r.schedule_id),
    occurrenceStartMs: num(r.occurrence_start),
    userId: str(r.user_id),
    going: bool(r.going),
    at: num(r.at),
  };
}

/** Row to timer. */
export function timerFromRow(r: Row): Timer {
  return {
    id: str(r.id),
    scheduleId: str(r.schedule_id),
    kind: str(r.kind) as TimerKind,
    fireAtMs: num(r.fire_at),
    occurrenceStartMs: num(r.occurrence_start),
    occurrenceEndMs: num(r.occurrence_end),
  };
}

const CREATE = `INSERT INTO schedules (id, platform, team_id, channel_id, title, creator_id, creator_name, zone,
  first_local, duration_minutes, every, remind_minutes, cancelled_from, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;
const CANCEL = `UPDATE schedules SET cancelled_from = ? WHERE id = ? AND (cancelled_from IS NULL OR cancelled_from > ?)`;
const EXCEPTION = `INSERT INTO schedule_exceptions (schedule_id, occurrence_start) VALUES (?, ?)
  ON CONFLICT (schedule_id, occurrence_start) DO NOTHING`;
const RSVP = `INSERT INTO schedule_rsvps (schedule_id, occurrence_start, user_id, going, at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (schedule_id, occurrence_start, user_id) DO UPDATE SET going = excluded.going, at = excluded.at
  WHERE excluded.at >= schedule_rsvps.at`;
const TIME_ZONE = `INSERT INTO person_time_zones (platform, user_id, zone, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (platform, user_id) DO UPDATE SET zone = excluded.zone, updated_at = excluded.updated_at`;
const ADD_TIMER = `INSERT INTO schedule_timers (id, schedule_id, kind, fire_at, occurrence_start, occurrence_end)
  VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;
const FINISH_TIMER = 'UPDATE schedule_timers SET done_at = ?, outcome = ? WHERE id = ? AND done_at IS NULL';
const dropTimers = (d: Dialect) => `UPDATE schedule_timers SET done_at = ?, outcome = 'cancelled'
  WHERE schedule_id = ? AND done_at IS NULL AND occurrence_start >= ? AND occurrence_start <= ?
    AND ${d.inJsonArray('kind')}`;

/** The statement (SQL with `?` placeholders, and parameters) of a schedule write. */
export function scheduleStatement(w: ScheduleWrite, d: Dialect): { sql: string; params: unknown[] } {
  switch (w.kind) {
    case 'editSchedule':
      return editStatement(w.id, w.patch);
    case 'addSchedulePost': {
      const r = w.ref;
      return { sql: ADD_POST, params: [w.scheduleId, r.platform, r.teamId, r.channelId, r.messageId, w.at] };
    }
    case 'linkOccurrence':
      return {
        sql: LINK,
        params: [
          w.scheduleId,
          w.occurrenceStartMs,
          w.meetingId ?? null,
          w.eventId ?? null,
          w.eventStatus ?? null,
        ],
      };
    case 'createSchedule': {
      const s = w.schedule;
      return {
        sql: CREATE,
        params: [
          s.id,
          s.platform,
          s.teamId,
          s.channelId,
          s.title,
          s.creatorId,
          s.creatorName,
          s.zone,
          localOut(s.first),
          s.durationMinutes,
          s.every,
          s.remindMinutes,
          s.cancelledFrom,
          s.createdAt,
        ],
      };
    }
    case 'cancelSchedule':
      return { sql: CANCEL, params: [w.fromMs, w.id, w.fromMs] };
    case 'scheduleException':
      return { sql: EXCEPTION, params: [w.scheduleId, w.occurrenceStartMs] };
    case 'rsvp': {
      const r = w.record;
      return { sql: RSVP, params: [r.scheduleId, r.occurrenceStartMs, r.userId, flag(r.going), r.at] };
    }
    case 'personTimeZone':
      return { sql: TIME_ZONE, params: [w.platform, w.userId, w.zone, w.at] };
    case 'addTimer': {
      const t = w.timer;
      return {
        sql: ADD_TIMER,
        params: [t.id, t.scheduleId, t.kind, t.fireAtMs, t.occurrenceStartMs, t.occurrenceEndMs],
      };
    }
    case 'finishTimer':
      return { sql: FINISH_TIMER, params: [w.at, w.outcome, w.id] };
    case 'dropTimers':
      return {
        sql: dropTimers(d),
        params: [w.at, w.scheduleId, w.fromMs, w.toMs ?? Number.MAX_SAFE_INTEGER, JSON.stringify(w.kinds)],
      };
  }
}
