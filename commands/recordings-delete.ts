import { z } from 'zod';
import { isVideoError } from '../src/video/errors.js';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import { ARCHIVE_PREFIX, goneReason, resolveRecording } from './recording-access.js';
import { canModerate, roleOf } from './roles.js';
import type { Command } from './types.js';
import { notice } from './views.js';

const schema = z.object({
  id: z
    .string({ error: 'is required: give the recording ID from `/video recordings`' })
    .trim()
    .regex(ARCHIVE_PREFIX, {
      error: 'must be a recording ID (or its first characters) from `/video recordings`',
    }),
});

/**
 * `recordings delete <id>`: deletes a recording of this channel's meetings for good (running or
 * ended; the host of the recording's meeting or a moderator).
 */
export const recordingsDelete: Command<typeof schema> = {
  name: 'recordings delete',
  summary: 'Delete a recording of this channel',
  usage: '/video recordings delete <id>',
  options: [
    {
      name: 'id',
      type: 'string',
      description: 'Recording ID or its first characters (from /video recordings)',
      required: true,
      positional: true,
    },
  ],
  schema,
  role: 'moderator',
  needsMeeting: true,
  allowEnded: true,
  async run(args, inv, ctx) {
    const meeting = meetingOf(ctx);
    const item = await resolveRecording(inv, ctx, args.id);
    // The core checked the role against the meeting the request named; the recording may be of an
    // earlier meeting of the channel, with another host.
    if (item.meeting.id !== meeting.id && !canModerate(roleOf(inv.actor, item.meeting, ctx)))
      throw new CommandError(
        `Only the host of ${item.meeting.title} or a moderator can delete its recordings.`,
      );
    const gone = goneReason(item.recording);
    if (gone) throw new CommandError(gone, undefined, 'warning');
    const { recording } = item;
    if (recording.status === 'started' || recording.status === 'paused')
      throw new CommandError('That recording is still running; stop it with `/video record stop` first.');
    await ctx.video.deleteArchive(recording.id).catch((err: unknown) => {
      // Already gone at the video service: marking it deleted here is still right.
      if (!isVideoError(err, 'not_found')) throw err;
    });
    ctx.writes.push({
      kind: 'recording',
      record: { ...recording, status: 'deleted', seq: Math.max(recording.seq + 1, ctx.now()) },
    });
    ctx.writes.changed(item.meeting.id);
    return notice('success', `Deleted the recording **${recording.name || 'Untitled'}**.`);
  },
};
