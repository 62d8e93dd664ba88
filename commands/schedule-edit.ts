import { z } from 'zod';
import { currentOccurrence, timersFrom } from '../src/planned/occurrence.js';
import {
  formatMinutes,
  makePlan,
  parseDuration,
  parseReminder,
  parseWhen,
  toLocal,
} from '../src/schedule/index.js';
import type { SchedulePatch, ScheduleRecord } from '../src/store/schedule-types.js';
import { CommandError } from './errors.js';
import { boardOf, calendarOf, mayChange, readInput, scheduleIn } from './schedule-common.js';
import { titleSchema } from './schema.js';
import type { Command } from './types.js';
import { notice } from './views.js';

const USAGE =
  '/video schedule edit <id> [--title T] [--date YYYY-MM-DD] [--time HH:MM] [--duration 30m] [--remind 10m|none]';
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `is too long (at most ${max} characters)` });
const p2 = (n: number) => String(n).padStart(2, '0');

const schema = z.object({
  id: text(64).optional(),
  title: titleSchema(150)
    .pipe(z.string().min(1, { error: 'cannot be empty' }))
    .optional(),
  date: text(20).optional(),
  time: text(20).optional(),
  duration: text(20).optional(),
  remind: text(20).optional(),
});

/**
 * `schedule edit` (the card's Edit form): changes the title, the date and time (of a series: this
 * occurrence and the later ones), the length or the reminder. Its timers are planned again and its
 * cards, `.ics` (a new SEQUENCE) and platform event follow. Whoever planned it, or a moderator.
 */
export const scheduleEdit: Command<typeof schema> = {
  name: 'schedule edit',
  summary: 'Change a planned meeting: title, date, time, length, reminder',
  usage: USAGE,
  options: [
    { name: 'id', type: 'string', description: 'The schedule ID (on its card)', positional: true },
    { name: 'title', type: 'string', description: 'New title' },
    { name: 'date', type: 'string', description: 'New date, YYYY-MM-DD, in the schedule’s time zone' },
    { name: 'time', type: 'string', description: 'New time, HH:MM, in the schedule’s time zone' },
    { name: 'duration', type: 'string', description: 'New length, e.g. 45m' },
    { name: 'remind', type: 'string', description: 'New reminder, e.g. 10m, or none' },
  ],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const s = await scheduleIn(args.id, inv, ctx, USAGE);
    if (!mayChange(s, inv.actor, ctx))
      throw new CommandError(
        `Only ${s.creatorName}, who planned it, or a moderator can change **${s.title}**.`,
      );
    const now = ctx.now();
    const o = currentOccurrence(s, now);
    if (!o) throw new CommandError(`**${s.title}** is over; plan a new one with \`/video schedule\`.`);
    const patch: SchedulePatch = {};
    if (args.title !== undefined && args.title !== s.title) patch.title = args.title;
    // A form sends every field: only what differs from the schedule is a change.
    if (args.duration !== undefined) {
      const minutes = readInput(() => parseDuration(args.duration!), USAGE, 'duration');
      if (minutes !== s.durationMinutes) patch.durationMinutes = minutes;
    }
    // A form submitted with the reminder emptied means "no reminder"; typed, `none` or `off` does.
    const cleared = inv.source === 'modal' && args.remind === undefined;
    const remind =
      cleared || (args.remind !== undefined && /^(none|off|no)$/i.test(args.remind))
        ? null
        : args.remind !== undefined
          ? readInput(() => parseReminder(args.remind!), USAGE, 'remind')
          : s.remindMinutes;
    if (remind !== s.remindMinutes) patch.remindMinutes = remind;
    if (args.date !== undefined || args.time !== undefined) {
      const local = toLocal(s.zone, o.startMs);
      const date = args.date ?? `${local.year}-${p2(local.month)}-${p2(local.day)}`;
      const time = args.time ?? `${p2(local.hour)}:${p2(local.minute)}`;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new CommandError('Write the date as YYYY-MM-DD, e.g. `2026-12-07`.', USAGE, 'error', 'date');
      const when = readInput(() => parseWhen(`${date} ${time}`, { zone: s.zone, nowMs: now }), USAGE, 'time');
      const plan = makePlan({
        zone: s.zone,
        first: when.requested,
        durationMinutes: s.durationMinutes,
        ...(s.every ? { every: s.every } : {}),
      });
      if (JSON.stringify(plan.first) !== JSON.stringify(local)) patch.first = plan.first;
    }
    if (Object.keys(patch).length === 0) return notice('info', `Nothing changed in **${s.title}**.`);
    const edited: ScheduleRecord = { ...s, ...patch, revision: s.revision + 1 };
    // New timers carry the revision in their IDs: an occurrence keeping its start would otherwise
    // reuse the IDs of the timers dropped here, and the store keeps the first timer of an ID.
    const timers = timersFrom(edited, now).map((t) => ({ ...t, id: `${t.id}:r${edited.revision}` }));
    ctx.writes.push(
      { kind: 'editSchedule', id: s.id, patch },
      { kind: 'dropTimers', scheduleId: s.id, fromMs: 0, kinds: ['remind', 'start', 'next'], at: now },
      ...timers.map((timer) => ({ kind: 'addTimer' as const, timer })),
    );
    const next = currentOccurrence(edited, now);
    ctx.writes.after(async () => {
      if (next) await calendarOf(ctx).move(edited, o.startMs, next);
      await boardOf(ctx).refreshCards(s.id);
    });
    const changes = [
      patch.title !== undefined ? 'title' : '',
      patch.first !== undefined ? 'time' : '',
      patch.durationMinutes !== undefined ? `length (${formatMinutes(patch.durationMinutes)})` : '',
      'remindMinutes' in patch
        ? patch.remindMinutes === null
          ? 'no reminder'
          : `reminder (${formatMinutes(patch.remindMinutes!)} before)`
        : '',
    ].filter(Boolean);
    return notice(
      'success',
      `Updated **${edited.title}**: ${changes.join(', ')}.`,
      next ? [{ type: 'time', label: 'Next', startMs: next.startMs, endMs: next.endMs, zone: s.zone }] : [],
    );
  },
};
