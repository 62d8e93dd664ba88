// An `.ics` file (RFC 5545) for a planned meeting, so people can add it to their calendars.
// A one-off meeting is written in UTC; a series is written in its zone (TZID with a VTIMEZONE) so
// that calendars keep its wall time across DST, with RRULE for the series and EXDATE for cancelled
// occurrences. RFC 5545's DST rules for local times are the ones `resolveLocal` follows.

import { ScheduleError } from './errors.js';
import { contentLines, escapeText, localDateTime, utcDateTime } from './ics-text.js';
import { vtimezoneLines } from './ics-zone.js';
import { isCancelled, occurrenceAt, type Every, type Plan } from './recurrence.js';
import { toLocal } from './zone.js';

/** What goes into the calendar entry of a planned meeting. */
export interface CalendarEvent {
  /** Globally unique and stable across edits, e.g. `<schedule id>@<PUBLIC_URL host>`. */
  uid: string;
  title: string;
  description?: string;
  /** An http(s) link, e.g. the meeting's join page. */
  url?: string;
  plan: Plan;
  /** Bumped on each edit so calendars replace the entry they have (RFC 5545 SEQUENCE). */
  sequence?: number;
}

/** Options of {@link buildIcs}. */
export interface IcsOptions {
  /** When the file is made (DTSTAMP). */
  nowMs: number;
  prodId?: string;
}

/** The product identifier written as PRODID. */
export const PRODID = '-//video-chatops//schedule//EN';

function invalid(userMessage: string): never {
  throw new ScheduleError({ code: 'invalid_event', userMessage });
}

function rrule(plan: Plan & { every: Every }): string {
  const until =
    plan.cancelledFromMs === undefined ? '' : `;UNTIL=${utcDateTime(plan.cancelledFromMs - 1000)}`;
  switch (plan.every) {
    case 'week':
      return `RRULE:FREQ=WEEKLY${until}`;
    case '2weeks':
      return `RRULE:FREQ=WEEKLY;INTERVAL=2${until}`;
    case 'weekday':
      return `RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR${until}`;
    case 'month': {
      const day = plan.first.day;
      if (day <= 28) return `RRULE:FREQ=MONTHLY;BYMONTHDAY=${day}${until}`;
      // The 31st is every month's last day, which calendars know as -1.
      if (day === 31) return `RRULE:FREQ=MONTHLY;BYMONTHDAY=-1${until}`;
      // The 29th and 30th clamp to the month's last day: the last of 28..day that the month has.
      const days = Array.from({ length: day - 27 }, (_, i) => 28 + i).join(',');
      return `RRULE:FREQ=MONTHLY;BYMONTHDAY=${days};BYSETPOS=-1${until}`;
    }
  }
}

/** The `.ics` text (CRLF lines, folded at 75 octets) for a planned meeting or series. */
export function buildIcs(event: CalendarEvent, options: IcsOptions): string {
  const title = event.title.trim();
  if (title === '') invalid('A meeting needs a title for its calendar entry.');
  if (!/^[\x21-\x7e]{1,255}$/.test(event.uid))
    invalid('A calendar entry needs a printable UID of 1-255 characters.');
  if (event.url !== undefined && !/^https?:\/\/[\x21-\x7e]+$/.test(event.url)) {
    invalid('A calendar link must be an http or https address without spaces.');
  }
  const { plan } = event;
  const first = occurrenceAt(plan, 0);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId ?? PRODID)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  const body = [`UID:${event.uid}`, `DTSTAMP:${utcDateTime(options.nowMs)}`];
  if (plan.every) {
    const tzid = `TZID=${plan.zone}`;
    lines.push(...vtimezoneLines(plan.zone, first.startMs));
    body.push(`DTSTART;${tzid}:${localDateTime(plan.first)}`);
    body.push(`DTEND;${tzid}:${localDateTime(toLocal(plan.zone, first.endMs))}`);
    body.push(rrule({ ...plan, every: plan.every }));
    for (const startMs of [...plan.exceptions].sort((a, b) => a - b)) {
      body.push(`EXDATE;${tzid}:${localDateTime(toLocal(plan.zone, startMs))}`);
    }
  } else {
    body.push(`DTSTART:${utcDateTime(first.startMs)}`, `DTEND:${utcDateTime(first.endMs)}`);
  }
  const allCancelled = plan.every
    ? plan.cancelledFromMs !== undefined && plan.cancelledFromMs <= first.startMs
    : isCancelled(plan, first);
  if (allCancelled) body.push('STATUS:CANCELLED');
  body.push(`SUMMARY:${escapeText(title)}`);
  if (event.description) body.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) body.push(`URL:${event.url}`);
  if (event.sequence) body.push(`SEQUENCE:${event.sequence}`);
  lines.push('BEGIN:VEVENT', ...body, 'END:VEVENT', 'END:VCALENDAR');
  return contentLines(lines);
}
