import { z } from 'zod';
import { RENDER_RUNNING } from './compose-start.js';
import { meetingOf } from './meeting.js';
import { disconnectEveryone, hangUpSipLegs, stopAudioStreams, stopMedia, stopRenders } from './teardown.js';
import type { Command } from './types.js';
import { announce, formatDuration } from './views.js';

const schema = z.object({});

/**
 * `end`: stops recordings, live streams, composers, audio streams and phone calls, disconnects
 * everyone, and marks the meeting ended so its card shows the final state.
 */
export const end: Command<typeof schema> = {
  name: 'end',
  summary: 'End the meeting for everyone',
  usage: '/video end',
  options: [],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(_args, inv, ctx) {
    const meeting = meetingOf(ctx);
    const media = await stopMedia(ctx, meeting);
    const renders = (await ctx.store.listRenders(meeting.id)).filter((r) => RENDER_RUNNING.has(r.status));
    await stopRenders(ctx, renders);
    const audio = (await ctx.store.listAudioStreams(meeting.id)).filter((a) => a.status === 'active');
    await stopAudioStreams(ctx, meeting, audio);
    await hangUpSipLegs(ctx, meeting);
    const people = await disconnectEveryone(ctx, meeting);
    const now = ctx.now();
    await ctx.store.updateMeeting(meeting.id, { status: 'ended', endedAt: now });
    await ctx.cards.changed(meeting.id);
    const stopped = [
      media.recordings > 0 ? 'the recording' : '',
      media.broadcasts > 0 ? 'the live stream' : '',
    ].filter(Boolean);
    const extra = stopped.length > 0 ? ` and stopped ${stopped.join(' and ')}` : '';
    return announce(
      `${inv.actor.name} ended **${meeting.title}** after ${formatDuration((now - meeting.createdAt) / 1000)}; ${people} ${people === 1 ? 'person was' : 'people were'} disconnected${extra}.`,
    );
  },
};
