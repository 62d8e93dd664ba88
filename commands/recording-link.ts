import { z } from 'zod';
import { isVideoError } from '../src/video/errors.js';
import { CommandError } from './errors.js';
import { ARCHIVE_PREFIX, goneReason, resolveRecording } from './recording-access.js';
import type { Command } from './types.js';
import { formatDuration, formatSize, notice } from './views.js';

const schema = z.object({
  id: z.string({ error: 'is required' }).trim().regex(ARCHIVE_PREFIX, {
    error: 'must be a recording ID (or its first characters) from `/video recordings`',
  }),
});

/**
 * `recording link <id>`: a fresh download link, minted now and shown only to the person asking, for
 * a recording of any meeting (running or ended) they may get; an unambiguous ID prefix is enough.
 */
export const recordingLink: Command<typeof schema> = {
  name: 'recording link',
  summary: 'Get a fresh download link for a recording (only you see it)',
  usage: '/video recording link <id>',
  options: [
    {
      name: 'id',
      type: 'string',
      description: 'Recording ID or its first characters',
      required: true,
      positional: true,
    },
  ],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const item = await resolveRecording(inv, ctx, args.id);
    const gone = goneReason(item.recording);
    if (gone) throw new CommandError(gone, undefined, 'warning');
    const archive = await ctx.video.getArchive(item.recording.id).catch((err: unknown) => {
      if (isVideoError(err, 'not_found'))
        throw new CommandError(
          `The video service no longer has the recording **${item.recording.name || 'Untitled'}**.`,
        );
      throw err;
    });
    // The store names the meeting; the archive must really be that meeting's session's.
    if (archive.sessionId !== item.meeting.sessionId)
      throw new CommandError(
        `There is no recording \`${args.id}\`; \`/video recordings\` lists this channel's.`,
      );
    if (!archive.url) {
      throw new CommandError(
        `The recording **${archive.name || 'Untitled'}** is ${archive.status}, so there is nothing to download yet.`,
        undefined,
        'warning',
      );
    }
    return notice(
      'info',
      `**${archive.name || 'Untitled'}** of ${item.meeting.title} (${formatDuration(archive.duration)}, ${formatSize(archive.size)}):`,
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
