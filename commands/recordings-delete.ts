import { z } from 'zod';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import { ARCHIVE_ID, ownedArchive } from './recording-owned.js';
import type { Command } from './types.js';
import { notice } from './views.js';

const schema = z.object({
  id: z
    .string({ error: 'is required: give the recording ID from `/video recordings`' })
    .trim()
    .regex(ARCHIVE_ID, { error: 'must be a recording ID from `/video recordings`' }),
});

/** `recordings delete <id>`: deletes one of this meeting's recordings for good. */
export const recordingsDelete: Command<typeof schema> = {
  name: 'recordings delete',
  summary: 'Delete a recording of this meeting',
  usage: '/video recordings delete <id>',
  options: [
    {
      name: 'id',
      type: 'string',
      description: 'Recording ID (from /video recordings)',
      required: true,
      positional: true,
    },
  ],
  schema,
  role: 'moderator',
  needsMeeting: true,
  allowEnded: true,
  async run(args, _inv, ctx) {
    const meeting = meetingOf(ctx);
    const archive = await ownedArchive(ctx, meeting, args.id);
    if (archive.status === 'started' || archive.status === 'paused')
      throw new CommandError('That recording is still running; stop it with `/video record stop` first.');
    await ctx.video.deleteArchive(archive.id);
    const prior = await ctx.store.getRecording(archive.id);
    if (prior)
      ctx.writes.push({
        kind: 'recording',
        record: {
          ...prior,
          status: 'deleted',
          seq: Math.max(prior.seq + 1, ctx.now()),
        },
      });
    ctx.writes.changed(meeting.id);
    return notice('success', `Deleted the recording **${archive.name || 'Untitled'}**.`);
  },
};
