import { z } from 'zod';
import { flag } from './schema.js';
import { boardOf, calendarOf, mayChange, scheduleIn } from './schedule-common.js';
import { CommandError } from './errors.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const USAGE = '/video schedule cancel <id> [--series]';

const schema = z.object({
  id: z.string().trim().max(64, { error: 'is too long for a schedule ID' }).optional(),
  series: flag,
});

/**
 * `schedule cancel`: cancels the next occurrence of a planned meeting (the series goes on), or with
 * `--series` every occurrence from the next one on. Whoever planned it, or a moderator.
 */
export const scheduleCancel: Command<typeof schema> = {
  name: 'schedule cancel',
  summary: 'Cancel a planned meeting (one occurrence, or `--series`)',
  usage: USAGE,
  options: [
    { name: 'id', type: 'string', description: 'The schedule ID (on its card)', positional: true },
    { name: 'series', type: 'boolean', description: 'Cancel the whole series, not only the next occurrence' },
  ],
  schema,
  role: 'anyone',
  announces: true,
  needsMeeting: false,
  async run(args, inv, ctx) {
    const s = await scheduleIn(args.id, inv, ctx, USAGE);
    if (!mayChange(s, inv.actor, ctx))
      throw new CommandError(
        `Only ${s.creatorName}, who planned it, or a moderator can cancel **${s.title}**.`,
      );
    const now = ctx.now();
    const board = boardOf(ctx);
    const o = board.current(s);
    if (!o) throw new CommandError(`**${s.title}** has no occurrence left to cancel.`);
    const whole = args.series || !s.every;
    const at = now;
    if (whole) {
      ctx.writes.push(
        { kind: 'cancelSchedule', id: s.id, fromMs: o.startMs },
        { kind: 'dropTimers', scheduleId: s.id, fromMs: o.startMs, kinds: ['remind', 'start', 'next'], at },
      );
    } else {
      // The occurrence's end still rolls the series on to the next one.
      ctx.writes.push(
        { kind: 'scheduleException', scheduleId: s.id, occurrenceStartMs: o.startMs },
        {
          kind: 'dropTimers',
          scheduleId: s.id,
          fromMs: o.startMs,
          toMs: o.startMs,
          kinds: ['remind', 'start'],
          at,
        },
      );
    }
    ctx.writes.after(async () => {
      await calendarOf(ctx).cancel(s, o.startMs, whole ? undefined : o.startMs);
      await board.refreshCards(s.id);
    });
    const what = whole
      ? s.every
        ? `the series **${s.title}**`
        : `**${s.title}**`
      : `the next **${s.title}** (the series goes on)`;
    return announce(`${inv.actor.name} cancelled ${what}.`, [
      { type: 'time', label: whole ? 'From' : 'Cancelled', startMs: o.startMs, endMs: o.endMs, zone: s.zone },
    ]);
  },
};
