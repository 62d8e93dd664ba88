import { z } from 'zod';
import type { ArchiveOptions } from '../src/video/types.js';
import { CommandError } from './errors.js';
import { routedMeetingOf } from './meeting.js';
import { runningRecordings, saveArchive } from './recording-state.js';
import { LAYOUTS, RESOLUTIONS, flag, layoutSchema, resolutionSchema, titleSchema } from './schema.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const schema = z
  .object({
    name: titleSchema(80).optional(),
    layout: layoutSchema.optional(),
    resolution: resolutionSchema.optional(),
    individual: flag,
    'audio-only': flag,
    'video-only': flag,
    'manual-streams': flag,
  })
  .refine((a) => !(a['audio-only'] && a['video-only']), {
    error: 'Use `--audio-only` or `--video-only`, not both.',
  })
  .refine((a) => !(a.individual && (a.layout || a.resolution)), {
    error: '`--individual` records each stream separately, so `--layout` and `--resolution` do not apply.',
  })
  .refine((a) => a.layout !== 'custom', {
    error:
      'A custom layout needs a stylesheet: set it with `/video layout custom --stylesheet CSS`, then record.',
  });

/** `record start`: starts a recording (archive) of the meeting and announces it in the channel. */
export const recordStart: Command<typeof schema> = {
  name: 'record start',
  summary: 'Start recording the meeting',
  usage:
    '/video record start [name] [--layout T] [--resolution R] [--individual] [--audio-only|--video-only] [--manual-streams]',
  options: [
    { name: 'name', type: 'string', description: 'Recording name', positional: true, rest: true },
    { name: 'layout', type: 'string', description: 'Layout of the composed recording', choices: LAYOUTS },
    {
      name: 'resolution',
      type: 'string',
      description: 'Resolution of the composed recording',
      choices: RESOLUTIONS,
    },
    { name: 'individual', type: 'boolean', description: 'One file per stream instead of one composed video' },
    { name: 'audio-only', type: 'boolean', description: 'Record sound only' },
    { name: 'video-only', type: 'boolean', description: 'Record pictures only' },
    {
      name: 'manual-streams',
      type: 'boolean',
      description: 'Record only the streams published now, not later ones',
    },
  ],
  schema,
  role: 'moderator',
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = routedMeetingOf(ctx, 'it cannot be recorded');
    if ((await runningRecordings(ctx, meeting)).length > 0)
      throw new CommandError('The meeting is already being recorded; stop it with `/video record stop`.');
    const layout = args.layout ? { type: args.layout } : (meeting.layout ?? undefined);
    const options: ArchiveOptions = {
      ...(args.name ? { name: args.name } : {}),
      hasAudio: !args['video-only'],
      hasVideo: !args['audio-only'],
      outputMode: args.individual ? 'individual' : 'composed',
      ...(!args.individual && layout ? { layout: layout as ArchiveOptions['layout'] } : {}),
      ...(args.resolution ? { resolution: args.resolution } : {}),
      ...(args['manual-streams'] ? { streamMode: 'manual' as const } : {}),
    };
    const archive = await ctx.video.startArchive(meeting.sessionId, options);
    await saveArchive(ctx, meeting, archive, inv.actor.id);
    if (args['manual-streams']) {
      // Manual mode records nothing by itself: add the streams that are live right now.
      const live = (await ctx.store.listStreams(meeting.id)).filter((s) => s.destroyedAt === null);
      for (const s of live) await ctx.video.addArchiveStream(archive.id, s.streamId);
    }
    await ctx.cards.changed(meeting.id);
    const label = archive.name ? ` **${archive.name}**` : '';
    return announce(
      `${inv.actor.name} started recording${label}. Everyone in the meeting is being recorded.`,
    );
  },
};
