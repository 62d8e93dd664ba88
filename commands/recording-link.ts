import { CommandError } from './errors.js';
import { fetchRecording, RECORDING_ID_OPTION, recordingIdSchema as schema } from './recording-access.js';
import type { Command } from './types.js';
import { formatDuration, formatSize, notice } from './views.js';

/**
 * `recording link <id>`: a fresh download link, minted now and shown only to the person asking, for
 * a recording of any meeting (running or ended) they may get; an unambiguous ID prefix is enough.
 */
export const recordingLink: Command<typeof schema> = {
  name: 'recording link',
  summary: 'Get a fresh download link for a recording (only you see it)',
  usage: '/video recording link <id>',
  options: [RECORDING_ID_OPTION],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const { item, archive } = await fetchRecording(inv, ctx, args.id);
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
