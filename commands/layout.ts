import { z } from 'zod';
import type { LayoutType, ScreenshareType } from '../src/video/types.js';
import { startedBroadcasts } from './live-state.js';
import { routedMeetingOf } from './meeting.js';
import { runningRecordings } from './recording-state.js';
import { LAYOUTS, SCREENSHARE_LAYOUTS, layoutSchema } from './schema.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const schema = z
  .object({
    type: layoutSchema,
    stylesheet: z
      .string()
      .trim()
      .min(1, { error: 'is empty' })
      .max(5000, { error: 'is too long (at most 5000 characters)' })
      .optional(),
    screenshare: z
      .enum(SCREENSHARE_LAYOUTS, {
        error: `must be one of ${SCREENSHARE_LAYOUTS.map((l) => `\`${l}\``).join(', ')}`,
      })
      .optional(),
  })
  .refine((a) => a.type !== 'custom' || a.stylesheet, {
    error: 'A `custom` layout needs `--stylesheet CSS`.',
  })
  .refine((a) => a.type === 'custom' || !a.stylesheet, {
    error: '`--stylesheet` applies only to the `custom` layout.',
  })
  .refine((a) => !a.screenshare || a.type === 'bestFit', {
    error: '`--screenshare` works only with the `bestFit` layout.',
  });

/** `layout <type>`: sets the composed layout of the running recording and live stream (and later ones). */
export const layout: Command<typeof schema> = {
  name: 'layout',
  summary: 'Set the layout of recordings and live streams',
  usage:
    '/video layout <bestFit|pip|verticalPresentation|horizontalPresentation|focus|custom> [--stylesheet CSS] [--screenshare T]',
  options: [
    {
      name: 'type',
      type: 'string',
      description: 'Layout type',
      required: true,
      positional: true,
      choices: LAYOUTS,
    },
    { name: 'stylesheet', type: 'string', description: 'CSS for the custom layout' },
    {
      name: 'screenshare',
      type: 'string',
      description: 'Layout while someone shares their screen (with bestFit)',
      choices: SCREENSHARE_LAYOUTS,
    },
  ],
  schema,
  role: 'moderator',
  needsMeeting: true,
  async run(args, inv, ctx) {
    // A relayed meeting has no recordings or live streams for a layout to apply to.
    const meeting = routedMeetingOf(ctx, 'it has no recordings or live streams to lay out');
    const type = args.type as LayoutType;
    const share = args.screenshare as ScreenshareType | undefined;
    const applied: string[] = [];
    for (const r of await runningRecordings(ctx, meeting)) {
      if (r.outputMode !== 'composed') continue;
      await ctx.video.setArchiveLayout(r.id, type, args.stylesheet, share);
      applied.push('the recording');
    }
    for (const b of await startedBroadcasts(ctx, meeting)) {
      await ctx.video.setBroadcastLayout(b.id, type, args.stylesheet, share);
      applied.push('the live stream');
    }
    await ctx.store.updateMeeting(meeting.id, {
      layout: {
        type,
        ...(args.stylesheet ? { stylesheet: args.stylesheet } : {}),
        ...(share ? { screenshareType: share } : {}),
      },
    });
    await ctx.cards.changed(meeting.id);
    const where =
      applied.length > 0
        ? `; applied to ${[...new Set(applied)].join(' and ')}`
        : '; it applies to the next recording or live stream';
    return announce(`${inv.actor.name} set the layout to \`${type}\`${where}.`);
  },
};
