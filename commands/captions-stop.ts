import { z } from 'zod';
import { captionSeq } from '../src/events/order.js';
import { isVideoError } from '../src/video/errors.js';
import { liveCaptionRun } from './caption-state.js';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const schema = z.object({});

/** `captions stop`: ends the meeting's live captions. */
export const captionsStop: Command<typeof schema> = {
  name: 'captions stop',
  summary: 'Turn off live captions',
  usage: '/video captions stop',
  options: [],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(_args, inv, ctx) {
    const meeting = meetingOf(ctx);
    const run = await liveCaptionRun(ctx, meeting);
    if (!run) throw new CommandError('Live captions are not on; turn them on with `/video captions start`.');
    try {
      await ctx.video.stopCaptions(run.id);
    } catch (err) {
      // Already stopped (its maximum duration, or another moderator): the callback says so too.
      if (!isVideoError(err, 'conflict') && !isVideoError(err, 'not_found')) throw err;
    }
    // The API accepted the stop: the card says so now; the stopped callback confirms it later.
    const now = ctx.now();
    ctx.writes.push({
      kind: 'captionRun',
      record: { ...run, status: 'stopped', stoppedAt: now, seq: captionSeq('stopped', now) },
    });
    ctx.writes.changed(meeting.id);
    return announce(`${inv.actor.name} turned off live captions.`);
  },
};
