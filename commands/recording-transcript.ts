import { CommandError } from './errors.js';
import { fetchRecording, RECORDING_ID_OPTION, recordingIdSchema as schema } from './recording-access.js';
import type { Command } from './types.js';
import { notice } from './views.js';

/**
 * `recording transcript <id>`: the post-call transcript of a recording, read from the Video API
 * when asked (its link is short-lived, so it is never stored or posted), only for the person asking.
 */
export const recordingTranscript: Command<typeof schema> = {
  name: 'recording transcript',
  summary: "Get a recording's transcript (only you see it)",
  usage: '/video recording transcript <id>',
  options: [RECORDING_ID_OPTION],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const { item, archive, name } = await fetchRecording(inv, ctx, args.id);
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
