import { z } from 'zod';
import { captionSeq } from '../src/events/order.js';
import { isVideoError } from '../src/video/errors.js';
import { CAPTION_LANGUAGE, liveCaptionRun } from './caption-state.js';
import { CommandError } from './errors.js';
import { routedMeetingOf } from './meeting.js';
import { flag } from './schema.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const schema = z.object({
  language: z
    .string()
    .trim()
    .regex(CAPTION_LANGUAGE, { error: 'must be a language code with a region, such as en-US or es-ES' })
    .optional(),
  partial: flag,
});

/**
 * `captions start`: live captions for everyone in the meeting. The card says "Captions on" once the
 * Video API's status callback reports the run started (not merely asked for).
 */
export const captionsStart: Command<typeof schema> = {
  name: 'captions start',
  summary: 'Turn on live captions for the meeting',
  usage: '/video captions start [--language en-US] [--partial]',
  options: [
    {
      name: 'language',
      type: 'string',
      description: "Spoken language, e.g. en-US (default: the room's, else en-US)",
    },
    {
      name: 'partial',
      type: 'boolean',
      description: 'Show words as they are recognised, before a sentence ends',
    },
  ],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = routedMeetingOf(ctx, 'it cannot have live captions');
    // A channel room's meetings are captioned in the room's language unless told otherwise.
    const language =
      args.language ?? (await ctx.store.getRoomBySession(meeting.sessionId))?.captionsLanguage ?? 'en-US';
    if (await liveCaptionRun(ctx, meeting))
      throw new CommandError('Live captions are already on; turn them off with `/video captions stop`.');
    // The captioning service joins with a moderator token of its own; it is never stored or shown.
    const token = ctx.video.generateToken(meeting.sessionId, { role: 'moderator', data: 'captions' });
    let captionsId: string;
    try {
      ({ captionsId } = await ctx.video.startCaptions(meeting.sessionId, token, {
        languageCode: language,
        partialCaptions: args.partial,
        // Vonage has no project-wide captions callback: each run is told where to report.
        ...(ctx.captionsCallbackUrl ? { statusCallbackUrl: ctx.captionsCallbackUrl } : {}),
      }));
    } catch (err) {
      if (isVideoError(err, 'conflict'))
        throw new CommandError(
          'Live captions are already on for this meeting; `/video captions stop` ends them.',
        );
      throw err;
    }
    const now = ctx.now();
    ctx.writes.push({
      kind: 'captionRun',
      record: {
        id: captionsId,
        meetingId: meeting.id,
        status: 'requested',
        language,
        startedBy: inv.actor.id,
        createdAt: now,
        stoppedAt: null,
        seq: captionSeq('requested', now),
      },
    });
    ctx.writes.changed(meeting.id);
    return announce(`${inv.actor.name} turned on live captions (${language}).`);
  },
};
