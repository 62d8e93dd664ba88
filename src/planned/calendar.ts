// A planned meeting in the platform's own calendar (Discord Guild Scheduled Events): created with the
// schedule and with each next occurrence, moved by edits, and following the meeting: active when the
// first person joins, completed when it ends, canceled when the occurrence is. What was set is kept in
// the store (linkOccurrence), where a status only moves forward, so replicas never take it back.

import type { CalendarStatus, Place } from '../chat.js';
import type { Occurrence } from '../schedule/index.js';
import type { EventStatus, OccurrenceLink, ScheduleRecord } from '../store/schedule-types.js';
import { placeOfSchedule, type BoardServices } from './board.js';

const RANK: Record<EventStatus, number> = { scheduled: 0, active: 1, completed: 2, canceled: 3 };

/** Where people join a planned meeting: its channel, where the card and "starting now" post are. */
export function channelLink(place: Place): string {
  return place.platform === 'discord'
    ? `https://discord.com/channels/${place.teamId}/${place.channelId}`
    : `${place.platform}:${place.teamId}/${place.channelId}`;
}

/** Keeps platform calendar entries of planned meetings in step with schedules and meetings. */
export class ScheduleCalendar {
  constructor(private readonly s: BoardServices) {}

  /** Creates the occurrence's entry where the platform has a calendar; failures are logged. */
  async create(sch: ScheduleRecord, o: Occurrence): Promise<void> {
    const calendar = this.s.cards.calendar(sch.platform);
    if (!calendar || o.startMs <= this.s.now()) return;
    const place = placeOfSchedule(sch);
    try {
      const known = (await this.s.store.listOccurrenceLinks(sch.id)).find(
        (l) => l.occurrenceStartMs === o.startMs && l.eventId,
      );
      if (known) return;
      const eventId = await calendar.create(place, {
        title: sch.title,
        description: `Planned by ${sch.creatorName} with /video schedule (ID ${sch.id}). Join from the card in the channel.`,
        startMs: o.startMs,
        endMs: o.endMs,
        location: channelLink(place),
      });
      await this.s.store.commit([
        {
          kind: 'linkOccurrence',
          scheduleId: sch.id,
          occurrenceStartMs: o.startMs,
          eventId,
          eventStatus: 'scheduled',
        },
      ]);
    } catch (err) {
      this.s.log.warn('creating the platform event of a planned meeting failed', { scheduleId: sch.id, err });
    }
  }

  /** Moves the entry of the occurrence that started at `oldStartMs` to `o` (an edit). */
  async move(sch: ScheduleRecord, oldStartMs: number, o: Occurrence): Promise<void> {
    const calendar = this.s.cards.calendar(sch.platform);
    if (!calendar) return;
    const link = (await this.s.store.listOccurrenceLinks(sch.id)).find(
      (l) => l.occurrenceStartMs === oldStartMs && l.eventId && l.eventStatus === 'scheduled',
    );
    if (!link) return this.create(sch, o);
    try {
      await calendar.update(placeOfSchedule(sch), link.eventId!, {
        title: sch.title,
        startMs: o.startMs,
        endMs: o.endMs,
      });
      if (oldStartMs !== o.startMs) {
        // The entry now belongs to the new start; the old start keeps no entry.
        await this.s.store.commit([
          {
            kind: 'linkOccurrence',
            scheduleId: sch.id,
            occurrenceStartMs: o.startMs,
            eventId: link.eventId!,
            eventStatus: 'scheduled',
          },
          {
            kind: 'linkOccurrence',
            scheduleId: sch.id,
            occurrenceStartMs: oldStartMs,
            eventStatus: 'canceled',
          },
        ]);
      }
    } catch (err) {
      this.s.log.warn('moving the platform event of a planned meeting failed', { scheduleId: sch.id, err });
    }
  }

  /** Cancels the entries of occurrences starting in [fromMs, toMs] that are still scheduled. */
  async cancel(sch: ScheduleRecord, fromMs: number, toMs = Number.MAX_SAFE_INTEGER): Promise<void> {
    const links = (await this.s.store.listOccurrenceLinks(sch.id)).filter(
      (l) => l.eventId && l.occurrenceStartMs >= fromMs && l.occurrenceStartMs <= toMs,
    );
    for (const link of links) await this.setStatus(sch, link, 'canceled');
  }

  /** Brings the entry of the occurrence a meeting was started for in step with that meeting. */
  async follow(meetingId: string): Promise<void> {
    const link = await this.s.store.occurrenceOfMeeting(meetingId);
    if (!link?.eventId || link.eventStatus === 'completed' || link.eventStatus === 'canceled') return;
    const sch = await this.s.store.getSchedule(link.scheduleId);
    const meeting = await this.s.store.getMeeting(meetingId);
    if (!sch || !meeting) return;
    if (meeting.status === 'ended') return this.setStatus(sch, link, 'completed');
    if (link.eventStatus === 'active') return;
    const present = await this.s.store.listConnections(meetingId);
    if (present.length > 0) await this.setStatus(sch, link, 'active');
  }

  /** Completes the entry of an occurrence that is over (its planned end passed); a started meeting ends it sooner. */
  async finish(sch: ScheduleRecord, occurrenceStartMs: number): Promise<void> {
    const link = (await this.s.store.listOccurrenceLinks(sch.id)).find(
      (l) => l.occurrenceStartMs === occurrenceStartMs && l.eventId,
    );
    if (!link || link.eventStatus === 'completed' || link.eventStatus === 'canceled') return;
    // Nobody started it: Discord lets only a scheduled event be canceled, and an active one completed.
    const meeting = link.meetingId ? await this.s.store.getMeeting(link.meetingId) : null;
    if (meeting && meeting.status !== 'ended') return;
    await this.setStatus(sch, link, link.eventStatus === 'active' || meeting ? 'completed' : 'canceled');
  }

  private async setStatus(sch: ScheduleRecord, link: OccurrenceLink, want: CalendarStatus): Promise<void> {
    const calendar = this.s.cards.calendar(sch.platform);
    const now = link.eventStatus ?? 'scheduled';
    if (!calendar || RANK[want] <= RANK[now]) return;
    // Discord's transitions: scheduled -> active -> completed, scheduled -> canceled.
    const steps: CalendarStatus[] =
      want === 'completed' && now === 'scheduled'
        ? ['active', 'completed']
        : want === 'canceled' && now === 'active'
          ? ['completed']
          : [want];
    const place = placeOfSchedule(sch);
    try {
      for (const status of steps) {
        // The store takes the step first: only the writer that advanced it calls the platform.
        const [advanced] = await this.s.store.commit([
          {
            kind: 'linkOccurrence',
            scheduleId: sch.id,
            occurrenceStartMs: link.occurrenceStartMs,
            eventStatus: status,
          },
        ]);
        if (!advanced) return;
        await calendar.update(place, link.eventId!, { status });
      }
    } catch (err) {
      this.s.log.warn('updating the platform event of a planned meeting failed', {
        scheduleId: sch.id,
        status: want,
        err,
      });
    }
  }
}
