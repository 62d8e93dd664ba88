import { z } from 'zod';
import { RENDER_RUNNING } from './compose-start.js';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import { stopRenders } from './teardown.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const schema = z.object({});

/** `compose stop`: stops the meeting's Experience Composer renders. */
export const composeStop: Command<typeof schema> = {
  name: 'compose stop',
  summary: 'Stop publishing the web page',
  usage: '/video compose stop',
  options: [],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(_args, inv, ctx) {
    const meeting = meetingOf(ctx);
    const running = (await ctx.store.listRenders(meeting.id)).filter((r) => RENDER_RUNNING.has(r.status));
    if (running.length === 0) throw new CommandError('No composer is running.');
    await stopRenders(ctx, running);
    ctx.writes.changed(meeting.id);
    return announce(`${inv.actor.name} stopped the composer.`);
  },
};
