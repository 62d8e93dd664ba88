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
    ctx.writes.push({ kind: 'updateMeeting', id: meeting.id, patch: { status: 'ended', endedAt: now } });
    // The recap is posted in the card's thread by the card writer (src/recap/post.ts).
    ctx.writes.push({ kind: 'queueRecap', meetingId: meeting.id, at: now });
    ctx.writes.changed(meeting.id);
    const did = [
      people > 0 ? `disconnected ${people} ${people === 1 ? 'person' : 'people'}` : '',
      media.recordings > 0
        ? `stopped ${media.recordings === 1 ? 'the recording' : `${media.recordings} recordings`}`
        : '',
      media.broadcasts > 0 ? 'stopped the live stream' : '',
    ].filter(Boolean);
    const what = did.length > 0 ? `: ${did.join(', ').replace(/, ([^,]*)$/, ' and $1')}` : '';
    // The card's formatter and the same instants as the card's "Lasted", so the two agree.
    return announce(
      `${inv.actor.name} ended **${meeting.title}** after ${formatDuration((now - meeting.createdAt) / 1000)}${what}.`,
    );
  },
};
