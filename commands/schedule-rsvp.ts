import { z } from 'zod';
import { boardOf, scheduleIn } from './schedule-common.js';
import { CommandError } from './errors.js';
import type { Command } from './types.js';
import { notice } from './views.js';

const USAGE = '/video schedule rsvp going|not-going <id>';
const ANSWERS = ['going', 'not-going'] as const;

const schema = z.object({
  answer: z.enum(ANSWERS, { error: 'must be `going` or `not-going`' }),
  id: z.string().trim().max(64, { error: 'is too long for a schedule ID' }).optional(),
});

/** `schedule rsvp` (the card's Going / Not going): answers for the next occurrence; the latest answer counts. */
export const scheduleRsvp: Command<typeof schema> = {
  name: 'schedule rsvp',
  summary: 'Answer Going / Not going for the next occurrence of a planned meeting',
  usage: USAGE,
  options: [
    {
      name: 'answer',
      type: 'string',
      description: 'Your answer',
      required: true,
      positional: true,
      choices: ANSWERS,
    },
    { name: 'id', type: 'string', description: 'The schedule ID (on its card)', positional: true },
  ],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const s = await scheduleIn(args.id, inv, ctx, USAGE);
    const board = boardOf(ctx);
    const o = board.current(s);
    if (!o) throw new CommandError(`**${s.title}** has no occurrence left to answer for.`);
    const going = args.answer === 'going';
    ctx.writes.push({
      kind: 'rsvp',
      record: { scheduleId: s.id, occurrenceStartMs: o.startMs, userId: inv.actor.id, going, at: ctx.now() },
    });
    ctx.writes.after(() => board.refreshCards(s.id));
    return notice(
      'success',
      going ? `You are going to **${s.title}**.` : `You are not going to **${s.title}**.`,
      [{ type: 'time', label: 'When', startMs: o.startMs, endMs: o.endMs, zone: s.zone }],
    );
  },
};
