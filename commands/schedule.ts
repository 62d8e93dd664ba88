import { z } from 'zod';
import type { Block } from '../src/chat.js';
import { newScheduleId } from '../src/planned/links.js';
import { currentOccurrence, timersFrom } from '../src/planned/occurrence.js';
import {
  DEFAULT_DURATION_MINUTES,
  EVERY_VALUES,
  formatMinutes,
  makePlan,
  parseDuration,
  parseEvery,
  parseReminder,
  parseWhen,
} from '../src/schedule/index.js';
import type { ScheduleRecord } from '../src/store/schedule-types.js';
import { planView } from '../src/planned/plan-form.js';
import { CommandError } from './errors.js';
import { titleSchema } from './schema.js';
import { boardOf, calendarOf, readInput } from './schedule-common.js';
import { personZone } from './schedule-zone.js';
import type { Command } from './types.js';
import { notice } from './views.js';

const USAGE =
  '/video schedule "Title" <when> [--every weekday|week|2weeks|month] [--duration 30m] [--remind 10m] [--tz Area/City]';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `is too long (at most ${max} characters)` });

const schema = z.object({
  // Both optional so a bare `/video schedule` can answer with the form; run() asks for what is missing.
  title: titleSchema(150)
    .pipe(z.string().min(1, { error: 'needs a title, e.g. `"Weekly sync"`' }))
    .optional(),
  when: text(100).optional(),
  date: text(20).optional(),
  time: text(20).optional(),
  every: text(20).optional(),
  duration: text(20).optional(),
  remind: text(20).optional(),
  tz: text(64).optional(),
});

/**
 * `schedule`: plans a meeting (or a series) in this channel, read in the person's time zone, with
 * its timers in the store; posts its card (RSVP, Edit, `.ics`) and, on Discord, a scheduled event.
 */
export const schedule: Command<typeof schema> = {
  name: 'schedule',
  summary: 'Plan a meeting (or a series) in this channel, with reminders; alone: a button opening a form',
  usage: USAGE,
  options: [
    {
      name: 'title',
      type: 'string',
      description: 'Meeting title (quote it when it has spaces); nothing: opens a form',
      required: false,
      positional: true,
    },
    {
      name: 'when',
      type: 'string',
      description: 'When: tomorrow 10:00, fri 9am, 2026-12-07 15:30, in 2h',
      required: false,
      positional: true,
      rest: true,
    },
    { name: 'date', type: 'string', description: 'Date, YYYY-MM-DD (the form’s picker; with --time)' },
    { name: 'time', type: 'string', description: 'Time, HH:MM (the form’s picker; with --date)' },
    { name: 'every', type: 'string', description: 'Repeat', choices: EVERY_VALUES },
    { name: 'duration', type: 'string', description: 'Length (default 30m), e.g. 45m, 1h30m' },
    { name: 'remind', type: 'string', description: 'Post a reminder this long before, e.g. 10m' },
    { name: 'tz', type: 'string', description: 'Your time zone, e.g. Europe/Berlin (remembered)' },
  ],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const picked = args.date !== undefined || args.time !== undefined;
    if (args.title === undefined && args.when === undefined && !picked) return planView(inv.place.platform);
    if (args.title === undefined)
      throw new CommandError('Give the meeting a title, e.g. `"Weekly sync"`.', USAGE, 'error', 'title');
    if (picked && (args.date === undefined || args.time === undefined || args.when !== undefined))
      throw new CommandError('Give both a date and a time, or a `<when>`, not both.', USAGE, 'error', 'date');
    if (picked && !/^\d{4}-\d{2}-\d{2}$/.test(args.date!))
      throw new CommandError('Write the date as YYYY-MM-DD, e.g. `2026-12-07`.', USAGE, 'error', 'date');
    const typed = picked ? `${args.date} ${args.time}` : args.when;
    if (!typed)
      throw new CommandError(
        'Say when, e.g. `tomorrow 10:00`, `fri 9am` or `in 2h`.',
        USAGE,
        'error',
        'when',
      );
    const now = ctx.now();
    const { zone, remember, note } = await personZone(args.tz, inv, ctx, USAGE);
    const when = readInput(() => parseWhen(typed, { zone, nowMs: now }), USAGE, picked ? 'time' : 'when');
    const durationMinutes = args.duration
      ? readInput(() => parseDuration(args.duration!), USAGE, 'duration')
      : DEFAULT_DURATION_MINUTES;
    const remindMinutes = args.remind ? readInput(() => parseReminder(args.remind!), USAGE, 'remind') : null;
    const every = args.every ? readInput(() => parseEvery(args.every!), USAGE, 'every') : undefined;
    const plan = makePlan({ zone, first: when.requested, durationMinutes, ...(every ? { every } : {}) });
    const record: ScheduleRecord = {
      id: newScheduleId(),
      platform: inv.place.platform,
      teamId: inv.place.teamId,
      channelId: inv.place.channelId,
      title: args.title,
      creatorId: inv.actor.id,
      creatorName: inv.actor.name,
      zone,
      first: plan.first,
      durationMinutes,
      every: every ?? null,
      remindMinutes,
      cancelledFrom: null,
      exceptions: [],
      createdAt: now,
      revision: 0,
    };
    const { exceptions: _e, revision: _r, ...created } = record;
    ctx.writes.push(
      { kind: 'createSchedule', schedule: created },
      ...timersFrom(record, now).map((timer) => ({ kind: 'addTimer' as const, timer })),
      ...(remember ? [remember] : []),
    );
    const occurrence = currentOccurrence(record, now);
    // The card and the platform event are made from the stored schedule, once it is committed.
    ctx.writes.after(async () => {
      const posted = await boardOf(ctx).postCard(record.id);
      if (occurrence) await calendarOf(ctx).create(record, occurrence);
      return posted
        ? []
        : [
            {
              type: 'notice',
              level: 'warning',
              text: 'Its card could not be posted; `/video schedule list` shows it.',
            },
          ];
    });
    const blocks: Block[] = [];
    if (occurrence)
      blocks.push({
        type: 'time',
        label: 'First',
        startMs: occurrence.startMs,
        endMs: occurrence.endMs,
        zone,
      });
    const notes = [when.note, note].filter(Boolean).join(' ');
    if (notes) blocks.push({ type: 'context', text: notes });
    const extras = [
      every ? `repeats ${every === '2weeks' ? 'every 2 weeks' : `every ${every}`}` : '',
      remindMinutes !== null ? `reminder ${formatMinutes(remindMinutes)} before` : '',
    ].filter(Boolean);
    return notice(
      'success',
      `Planned **${record.title}** (ID \`${record.id}\`)${extras.length ? `, ${extras.join(', ')}` : ''}.`,
      blocks,
    );
  },
};
