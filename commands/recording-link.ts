import { z } from 'zod';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import { ARCHIVE_ID, ownedArchive } from './recording-owned.js';
import type { Command } from './types.js';
import { formatDuration, formatSize, notice } from './views.js';

const schema = z.object({
  id: z
    .string({ error: 'is required' })
    .trim()
    .regex(ARCHIVE_ID, { error: 'must be a recording ID from `/video recordings`' }),
});

/** `recording link <id>`: a fresh download link (the card's download button), only for the clicker. */
export const recordingLink: Command<typeof schema> = {
  name: 'recording link',
  summary: 'Get a fresh download link for a recording (only you see it)',
  usage: '/video recording link <id>',
  options: [{ name: 'id', type: 'string', description: 'Recording ID', required: true, positional: true }],
  schema,
  role: 'anyone',
  needsMeeting: true,
  allowEnded: true,
  async run(args, _inv, ctx) {
    const meeting = meetingOf(ctx);
    const archive = await ownedArchive(ctx, meeting, args.id);
    if (!archive.url) {
      throw new CommandError(
        `The recording **${archive.name || 'Untitled'}** is ${archive.status}, so there is nothing to download yet.`,
        undefined,
        'warning',
      );
    }
    return notice(
      'info',
      `**${archive.name || 'Untitled'}** (${formatDuration(archive.duration)}, ${formatSize(archive.size)}):`,
      [
        { type: 'link', label: 'Download the recording', url: archive.url },
        {
          type: 'context',
          text: 'The link works for a limited time; click the button again for a fresh one.',
        },
      ],
    );
  },
};
