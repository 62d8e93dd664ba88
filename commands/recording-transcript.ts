import { z } from 'zod';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import { ARCHIVE_ID, ownedArchive } from './recording-owned.js';
import type { Command } from './types.js';
import { notice } from './views.js';

const schema = z.object({
  id: z
    .string({ error: 'is required' })
    .trim()
    .regex(ARCHIVE_ID, { error: 'must be a recording ID from `/video recordings`' }),
});

/**
 * `recording transcript <id>`: a fresh link to a recording's transcript (the recap's Transcript
 * button), only for the clicker. The link is asked of the Video API on each click, never stored.
 */
export const recordingTranscript: Command<typeof schema> = {
  name: 'recording transcript',
  summary: "Get a fresh link to a recording's transcript (only you see it)",
  usage: '/video recording transcript <id>',
  options: [{ name: 'id', type: 'string', description: 'Recording ID', required: true, positional: true }],
  schema,
  role: 'anyone',
  needsMeeting: true,
  allowEnded: true,
  async run(args, _inv, ctx) {
    const meeting = meetingOf(ctx);
    const archive = await ownedArchive(ctx, meeting, args.id);
    const name = archive.name || 'Untitled';
    const t = archive.transcription;
    if (!archive.hasTranscription || !t)
      throw new CommandError(`The recording **${name}** was not transcribed.`, undefined, 'warning');
    if (t.status !== 'available' || !t.url) {
      const why = t.status === 'failed' ? 'failed' : 'not ready yet';
      throw new CommandError(`The transcript of **${name}** is ${why}.`, undefined, 'warning');
    }
    return notice('info', `Transcript of **${name}** (${t.primaryLanguageCode ?? 'en-US'}):`, [
      { type: 'link', label: 'Open the transcript', url: t.url },
      { type: 'context', text: 'The link works for a limited time; click the button again for a fresh one.' },
    ]);
  },
};
