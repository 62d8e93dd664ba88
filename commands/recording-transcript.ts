import { z } from 'zod';
import { isVideoError } from '../src/video/errors.js';
import { CommandError } from './errors.js';
import { ARCHIVE_PREFIX, goneReason, resolveRecording } from './recording-access.js';
import type { Command } from './types.js';
import { notice } from './views.js';

const schema = z.object({
  id: z.string({ error: 'is required' }).trim().regex(ARCHIVE_PREFIX, {
    error: 'must be a recording ID (or its first characters) from `/video recordings`',
  }),
});

/**
 * `recording transcript <id>`: the post-call transcript of a recording, read from the Video API
 * when asked (its link is short-lived, so it is never stored or posted), only for the person asking.
 */
export const recordingTranscript: Command<typeof schema> = {
  name: 'recording transcript',
  summary: "Get a recording's transcript (only you see it)",
  usage: '/video recording transcript <id>',
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
    const name = `**${item.recording.name || 'Untitled'}**`;
    const gone = goneReason(item.recording);
    if (gone) throw new CommandError(gone, undefined, 'warning');
    const archive = await ctx.video.getArchive(item.recording.id).catch((err: unknown) => {
      if (isVideoError(err, 'not_found'))
        throw new CommandError(`The video service no longer has the recording ${name}.`);
      throw err;
    });
    if (archive.sessionId !== item.meeting.sessionId)
      throw new CommandError(
        `There is no recording \`${args.id}\`; \`/video recordings\` lists this channel's.`,
      );
    const t = archive.transcription;
    if (!archive.hasTranscription && !t)
      throw new CommandError(
        `The recording ${name} was not transcribed; \`/video record start --transcribe\` makes one that is.`,
        undefined,
        'warning',
      );
    if (t?.status === 'failed')
      throw new CommandError(
        `The transcription of ${name} failed${t.reason ? `: ${t.reason}` : ''}.`,
        undefined,
        'warning',
      );
    if (!t?.url || t.status !== 'available')
      throw new CommandError(
        `The transcript of ${name} is not ready yet; try again in a few minutes.`,
        undefined,
        'warning',
      );
    return notice(
      'info',
      `The transcript of ${name} (${item.meeting.title}, ${t.primaryLanguageCode ?? 'en-US'}):`,
      [
        { type: 'link', label: 'Open the transcript', url: t.url },
        {
          type: 'context',
          text: 'The link works for a limited time; click the button again for a fresh one.',
        },
      ],
    );
  },
};
