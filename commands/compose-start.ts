import { z } from 'zod';
import { CommandError } from './errors.js';
import { legToken } from './links.js';
import { routedMeetingOf } from './meeting.js';
import { urlSchema } from './schema.js';
import type { Command } from './types.js';
import { announce, redactUri } from './views.js';

const schema = z.object({ url: urlSchema(['https'], 'web page URL') });
/** Render states in which a composer is still running. */
export const RENDER_RUNNING = new Set(['starting', 'started']);

/** `compose start <url>`: Experience Composer renders a web page into the meeting as a stream. */
export const composeStart: Command<typeof schema> = {
  name: 'compose start',
  summary: 'Publish a web page into the meeting (Experience Composer)',
  usage: '/video compose start <https-url>',
  options: [
    {
      name: 'url',
      type: 'string',
      description: 'The https:// page to render into the meeting',
      required: true,
      positional: true,
    },
  ],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = routedMeetingOf(ctx, 'a composer cannot join it');
    if ((await ctx.store.listRenders(meeting.id)).some((r) => RENDER_RUNNING.has(r.status))) {
      throw new CommandError('A composer is already running; stop it with `/video compose stop`.');
    }
    const shown = redactUri(args.url);
    const token = legToken(ctx, meeting, inv.actor, 'render', 'Composer');
    const render = await ctx.video.startRender({
      sessionId: meeting.sessionId,
      token,
      url: args.url,
      properties: { name: 'Composer' },
    });
    ctx.writes.push({
      kind: 'render',
      record: {
        id: render.id,
        meetingId: meeting.id,
        status: render.status,
        url: shown,
        streamId: render.streamId ?? null,
        createdAt: render.createdAt ?? ctx.now(),
        seq: 0,
      },
    });
    ctx.writes.changed(meeting.id);
    return announce(`${inv.actor.name} is publishing ${shown} into the meeting.`);
  },
};
