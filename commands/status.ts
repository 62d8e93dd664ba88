import { z } from 'zod';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import type { Command } from './types.js';

const schema = z.object({});

/** `status`: the meeting card, shown only to the caller. */
export const status: Command<typeof schema> = {
  name: 'status',
  summary: 'Show the meeting card (only to you)',
  usage: '/video status',
  options: [],
  schema,
  role: 'anyone',
  needsMeeting: true,
  async run(_args, _inv, ctx) {
    const meeting = meetingOf(ctx);
    const view = await ctx.cards.view(meeting.id);
    if (!view) throw new CommandError('That meeting no longer exists.');
    // A copy for one person: not a card the refresher edits.
    const { cardOf: _cardOf, ...rest } = view;
    return { ...rest, visibility: 'ephemeral' };
  },
};
