// The blank "Plan a meeting" form: `/video schedule` with nothing after it answers with a button
// that opens it (a slash command cannot open a modal through the front door; a button can). Its
// submission runs `schedule` with the same options as the typed form, the date and time read in the
// person's own zone as typed times are.

import type { Modal, ModalField, View } from '../chat.js';

/** The key the "Plan a meeting" button carries: not a meeting key nor a schedule ID (those have no `-`). */
export const PLAN_KEY = 'new-schedule';

/**
 * The form: title, date and time pickers, repeat, length and reminder. Discord allows five fields in
 * a modal, so there the reminder is left out (the card's Edit form sets it).
 */
export function planModal(platform?: string): Modal {
  const zoneHint = 'In your own time zone.';
  return {
    action: 'schedule',
    title: 'Plan a meeting',
    submitLabel: 'Plan',
    fields: [
      { id: 'title', label: 'Title', kind: 'text', required: true, maxLength: 150 },
      { id: 'date', label: 'Date', kind: 'date', required: true, hint: zoneHint },
      { id: 'time', label: 'Time', kind: 'time', required: true, hint: zoneHint },
      {
        id: 'every',
        label: 'Repeat (once: leave empty)',
        kind: 'select',
        required: false,
        options: [
          { label: 'Every weekday', value: 'weekday' },
          { label: 'Every week', value: 'week' },
          { label: 'Every 2 weeks', value: '2weeks' },
          { label: 'Every month', value: 'month' },
        ],
      },
      {
        id: 'duration',
        label: 'Length',
        kind: 'text',
        required: false,
        placeholder: '30m, 1h, 1h30m',
        maxLength: 20,
      },
      ...(platform === 'discord' ? [] : [REMIND]),
    ],
  };
}

const REMIND = {
  id: 'remind',
  label: 'Reminder before (none: leave empty)',
  kind: 'text',
  required: false,
  placeholder: '10m',
  maxLength: 20,
} satisfies ModalField;

/** The reply to a bare `/video schedule`: how to type it, and the button that opens the form. */
export function planView(platform?: string): View {
  return {
    visibility: 'ephemeral',
    blocks: [
      {
        type: 'notice',
        level: 'info',
        text: 'Plan a meeting with the form, or type `/video schedule "Title" tomorrow 10:00 [--every week] [--duration 30m] [--remind 10m]`.',
      },
      {
        type: 'buttons',
        buttons: [
          {
            action: 'schedule',
            label: 'Plan a meeting',
            key: PLAN_KEY,
            style: 'primary',
            modal: planModal(platform),
          },
        ],
      },
    ],
  };
}
