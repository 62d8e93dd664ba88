import { z } from 'zod';
import { isVideoError } from '../src/video/errors.js';
import { meetingOf } from './meeting.js';
import { whoOption, whoSchema } from './schema.js';
import type { Command } from './types.js';
import { resolveWho } from './who.js';
import { announce } from './views.js';

const schema = z.object({ who: whoSchema });

/** `kick <who>`: disconnects every connection of that person from the meeting. */
export const kick: Command<typeof schema> = {
  name: 'kick',
  summary: 'Remove someone from the meeting',
  usage: '/video kick <who>',
  options: [whoOption('Who to remove: a mention, a display name or a connection ID')],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = meetingOf(ctx);
    const person = await resolveWho(ctx, meeting, args.who);
    const now = ctx.now();
    for (const c of person.connections) {
      try {
        await ctx.video.forceDisconnect(meeting.sessionId, c.connectionId);
      } catch (err) {
        // Already gone is what we wanted; the store just had not heard yet.
        if (!isVideoError(err, 'not_found')) throw err;
      }
      ctx.writes.push({
        kind: 'connection',
        record: {
          ...c,
          leftAt: now,
          reason: 'forceDisconnected',
          seq: Math.max(c.seq, now),
        },
      });
    }
    ctx.writes.changed(meeting.id);
    return announce(`${inv.actor.name} removed ${person.label} from the meeting.`);
  },
};
