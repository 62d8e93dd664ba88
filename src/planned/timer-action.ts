// What a planned meeting's timers do when they fire (src/schedule/timer-loop.ts decides whether and
// how late): the reminder and "starting now" posts in the schedule's channel, and at the end of an
// occurrence the roll to the next one (its timers, its card, its platform event).

import type { Block, View } from '../chat.js';
import {
  formatMinutes,
  lateSuffix,
  nextOccurrence,
  timersForOccurrence,
  type TimerAction,
  type TimerDecision,
} from '../schedule/index.js';
import type { ScheduleRecord } from '../store/schedule-types.js';
import type { ScheduleBoard } from './board.js';
import type { ScheduleCalendar } from './calendar.js';
import { occurrenceStartingAt, planOf } from './occurrence.js';

/** The reminder post. */
export function reminderView(s: ScheduleRecord, d: TimerDecision, minutesBefore: number): View {
  const t = d.timer;
  const blocks: Block[] = [
    {
      type: 'notice',
      level: 'info',
      text: `Reminder: **${s.title}** starts in ${formatMinutes(minutesBefore)}${lateSuffix(d)}.`,
    },
    { type: 'time', label: 'When', startMs: t.occurrenceStartMs, endMs: t.occurrenceEndMs, zone: s.zone },
  ];
  return { visibility: 'channel', blocks };
}

/** The "starting now" post, with the Join button that starts the meeting if none runs. */
export function startingView(s: ScheduleRecord, d: TimerDecision): View {
  return {
    visibility: 'channel',
    blocks: [
      { type: 'notice', level: 'info', text: `**${s.title}** is starting now${lateSuffix(d)}.` },
      {
        type: 'buttons',
        buttons: [{ action: 'schedule.join', label: 'Join', key: s.id, style: 'primary' }],
      },
    ],
  };
}

/** The TimerAction of planned meetings. */
export function scheduleTimerAction(board: ScheduleBoard, calendar: ScheduleCalendar): TimerAction {
  return async (d) => {
    const t = d.timer;
    const s = await board.store.getSchedule(t.scheduleId);
    if (!s) return [];
    // Cancelled or moved since the timer was planned: nothing to say about that occurrence any more.
    const occurrence = occurrenceStartingAt(s, t.occurrenceStartMs);
    switch (t.kind) {
      case 'remind':
        if (occurrence && s.remindMinutes !== null) {
          const before = Math.round((t.occurrenceStartMs - t.fireAtMs) / 60_000);
          await board.announce(s, reminderView(s, d, before));
        }
        return [];
      case 'start':
        if (occurrence) await board.announce(s, startingView(s, d));
        return [];
      case 'next': {
        await calendar.finish(s, t.occurrenceStartMs);
        const next = nextOccurrence(planOf(s), t.occurrenceStartMs);
        await board.refreshCards(s.id);
        if (!next) return [];
        await calendar.create(s, next);
        return timersForOccurrence(s.id, next, s.remindMinutes ?? undefined, board.now());
      }
    }
  };
}
