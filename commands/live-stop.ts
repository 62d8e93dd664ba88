import { z } from 'zod';
import { saveBroadcast, startedBroadcasts } from './live-state.js';
import { meetingOf } from './meeting.js';
import { idsToStop } from './teardown.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const schema = z.object({});

/** `live stop`: stops the meeting's live stream. */
export const liveStop: Command<typeof schema> = {
  name: 'live stop',
  summary: 'Stop the live stream',
  usage: '/video live stop',
  options: [],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(_args, inv, ctx) {
    const meeting = meetingOf(ctx);
    const ids = await idsToStop(
      await startedBroadcasts(ctx, meeting),
      () => ctx.video.listBroadcasts({ sessionId: meeting.sessionId, count: 10 }),
      (b) => b.status === 'started',
      'The meeting is not live.',
    );
    for (const id of ids) await saveBroadcast(ctx, meeting, await ctx.video.stopBroadcast(id), null);
    ctx.writes.changed(meeting.id);
    return announce(`${inv.actor.name} stopped the live stream.`);
  },
};
