// The schedule card: a planned meeting as a neutral view. The time is a `time` block, which Slack and
// Discord show in each viewer's own zone; RSVP buttons carry the answer, Edit opens a form with what
// is there now, and the `.ics` link adds it to a calendar.

import type { Block, Button, Modal, View } from '../chat.js';
import { formatMinutes, toLocal, type Occurrence } from '../schedule/index.js';
import type { RsvpRecord, ScheduleRecord } from '../store/schedule-types.js';

const EVERY_TEXT = {
  weekday: 'Every weekday',
  week: 'Every week',
  '2weeks': 'Every 2 weeks',
  month: 'Every month',
} as const;

const p2 = (n: number) => String(n).padStart(2, '0');

/** How a schedule repeats, in words. */
export function repeatsText(s: ScheduleRecord): string {
  return s.every ? EVERY_TEXT[s.every] : 'Once';
}

/** The Edit form of a schedule, filled with its title, the current occurrence's date and time, length and reminder. */
export function editModal(s: ScheduleRecord, occurrence: Occurrence | undefined): Modal {
  const local = occurrence ? toLocal(s.zone, occurrence.startMs) : s.first;
  const zoneHint = `In ${s.zone}.`;
  return {
    action: 'schedule.edit',
    title: 'Edit planned meeting',
    submitLabel: 'Save',
    fields: [
      { id: 'title', label: 'Title', kind: 'text', required: true, maxLength: 150, initial: s.title },
      {
        id: 'date',
        label: s.every ? 'Date (this and later ones)' : 'Date',
        kind: 'date',
        required: true,
        hint: zoneHint,
        initial: `${local.year}-${p2(local.month)}-${p2(local.day)}`,
      },
      {
        id: 'time',
        label: 'Time',
        kind: 'time',
        required: true,
        hint: zoneHint,
        initial: `${p2(local.hour)}:${p2(local.minute)}`,
      },
      {
        id: 'duration',
        label: 'Length',
        kind: 'text',
        required: true,
        placeholder: '30m, 1h, 1h30m',
        maxLength: 20,
        initial: formatMinutes(s.durationMinutes).replace(/ /g, ''),
      },
      {
        id: 'remind',
        label: 'Reminder before (none: leave empty)',
        kind: 'text',
        required: false,
        placeholder: '10m',
        maxLength: 20,
        ...(s.remindMinutes !== null ? { initial: formatMinutes(s.remindMinutes).replace(/ /g, '') } : {}),
      },
    ],
  };
}

/** Counts of the answers for one occurrence (the latest answer of each person is the one stored). */
export function rsvpCounts(rsvps: readonly RsvpRecord[]): { going: number; notGoing: number } {
  const going = rsvps.filter((r) => r.going).length;
  return { going, notGoing: rsvps.length - going };
}

/** Renders the card of schedule `s` for its current occurrence (undefined: the series is over). */
export function renderScheduleCard(
  s: ScheduleRecord,
  occurrence: Occurrence | undefined,
  rsvps: readonly RsvpRecord[],
  icsUrl: string,
): View {
  const blocks: Block[] = [];
  if (!occurrence) {
    blocks.push({
      type: 'notice',
      level: 'info',
      text: 'No occurrence is left: this was cancelled or is over.',
    });
    blocks.push({ type: 'fields', fields: [{ label: 'Scheduled by', value: s.creatorName }] });
    return { visibility: 'channel', title: s.title, blocks };
  }
  const { going, notGoing } = rsvpCounts(rsvps);
  blocks.push({
    type: 'time',
    label: 'When',
    startMs: occurrence.startMs,
    endMs: occurrence.endMs,
    zone: s.zone,
  });
  blocks.push({
    type: 'fields',
    fields: [
      { label: 'Scheduled by', value: s.creatorName },
      { label: 'Repeats', value: repeatsText(s) },
      {
        label: 'Reminder',
        value: s.remindMinutes === null ? 'None' : `${formatMinutes(s.remindMinutes)} before`,
      },
      { label: 'Going', value: String(going) },
      { label: 'Not going', value: String(notGoing) },
    ],
  });
  const buttons: Button[] = [
    { action: 'schedule.rsvp', label: `Going (${going})`, key: s.id, value: 'going', style: 'primary' },
    { action: 'schedule.rsvp', label: `Not going (${notGoing})`, key: s.id, value: 'not-going' },
    { action: 'schedule.edit', label: 'Edit', key: s.id, modal: editModal(s, occurrence) },
    { action: 'schedule.ics', label: 'Add to calendar (.ics)', key: s.id, url: icsUrl },
  ];
  blocks.push({ type: 'buttons', buttons });
  blocks.push({
    type: 'context',
    text: `ID \`${s.id}\` · \`/video schedule cancel ${s.id}\`${s.every ? ' cancels this occurrence (add `--series` for all)' : ''}`,
  });
  return { visibility: 'channel', title: s.title, blocks };
}
