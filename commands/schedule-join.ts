import { z } from 'zod';
import { currentOccurrence } from '../src/planned/occurrence.js';
import { scheduleIn } from './schedule-common.js';
import { start } from './start.js';
import type { Command } from './types.js';

const USAGE = '/video schedule join <id>';
/** How early before its start a meeting started from a schedule counts as that occurrence's meeting. */
const EARLY_MS = 15 * 60_000;

const schema = z.object({
  id: z.string().trim().max(64, { error: 'is too long for a schedule ID' }).optional(),
});

/**
 * `schedule join` (the "starting now" post's Join): the channel's meeting if one runs, else starts it
 * as `/video start` would with the planned title; either way the person gets their join link, and
 * the meeting is linked to the occurrence (its platform event follows the meeting from then on).
 */
export const scheduleJoin: Command<typeof schema> = {
  name: 'schedule join',
  summary: 'Join a planned meeting, starting it if it is not running',
  usage: USAGE,
  options: [{ name: 'id', type: 'string', description: 'The schedule ID (on its card)', positional: true }],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const s = await scheduleIn(args.id, inv, ctx, USAGE);
    const view = await start.run(start.schema.parse({ title: s.title }), inv, ctx);
    const now = ctx.now();
    const o = currentOccurrence(s, now);
    if (o && now >= o.startMs - EARLY_MS) {
      const { platform, teamId, channelId } = inv.place;
      ctx.writes.after(async () => {
        const m = await ctx.store.getActiveMeetingInChannel(platform, teamId, channelId);
        if (!m) return;
        await ctx.store.commit([
          { kind: 'linkOccurrence', scheduleId: s.id, occurrenceStartMs: o.startMs, meetingId: m.id },
        ]);
      });
    }
    return view;
  },
};
