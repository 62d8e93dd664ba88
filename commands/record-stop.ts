import { z } from 'zod';
import { meetingOf } from './meeting.js';
import { RUNNING, runningRecordings, saveArchive } from './recording-state.js';
import { idsToStop } from './teardown.js';
import type { Command } from './types.js';
import { announce, formatDuration } from './views.js';

const schema = z.object({});

/** `record stop`: stops the meeting's running recordings; a follow-up comes when they are ready. */
export const recordStop: Command<typeof schema> = {
  name: 'record stop',
  summary: 'Stop recording',
  usage: '/video record stop',
  options: [],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(_args, inv, ctx) {
    const meeting = meetingOf(ctx);
    // Automatic recordings start without a command, so the store is the likelier to have missed one.
    const ids = await idsToStop(
      await runningRecordings(ctx, meeting),
      () => ctx.video.listArchives({ sessionId: meeting.sessionId, count: 10 }),
      (a) => RUNNING.has(a.status),
      'The meeting is not being recorded.',
    );
    let longest = 0;
    for (const id of ids) {
      const archive = await ctx.video.stopArchive(id);
      longest = Math.max(longest, (ctx.now() - archive.createdAt) / 1000);
      await saveArchive(ctx, meeting, archive, null);
    }
    ctx.writes.changed(meeting.id);
    return announce(
      `${inv.actor.name} stopped the recording (${formatDuration(longest)}). A message here will say when it is ready to download.`,
    );
  },
};
