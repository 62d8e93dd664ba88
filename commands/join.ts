import { z } from 'zod';
import { joinBlocks } from './links.js';
import { meetingOf } from './meeting.js';
import type { Command } from './types.js';
import { notice } from './views.js';

const schema = z.object({});

/**
 * `join`: a personal, short-lived join link, always ephemeral (it leads to a Video token). In a
 * channel with a room it works even when nobody is in the room: the room's next meeting opens.
 */
export const join: Command<typeof schema> = {
  name: 'join',
  summary: 'Get your personal link to join the meeting',
  usage: '/video join',
  options: [],
  schema,
  role: 'anyone',
  needsMeeting: true,
  opensRoom: true,
  async run(_args, inv, ctx) {
    const meeting = meetingOf(ctx);
    return notice('info', `Your link to join **${meeting.title}**:`, joinBlocks(ctx, meeting, inv.actor));
  },
};
