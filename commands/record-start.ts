import { z } from 'zod';
import type { ArchiveOptions } from '../src/video/types.js';
import { transcriptSeq } from '../src/events/order.js';
import { CAPTION_LANGUAGE } from './caption-state.js';
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
    transcribe: flag,
    summary: flag,
    language: z
      .string()
      .trim()
      .regex(CAPTION_LANGUAGE, { error: 'must be a language code with a region, such as en-US or es-ES' })
      .optional(),
  })
  .refine((a) => a.transcribe || (!a.summary && a.language === undefined), {
    error: '`--summary` and `--language` go with `--transcribe`.',
  })
  .refine((a) => !(a.transcribe && a['video-only']), {
    error: 'A transcript is made from sound, so `--transcribe` cannot go with `--video-only`.',
  })
  .refine((a) => !(a.transcribe && (a.layout || a.resolution)), {
    error:
      '`--transcribe` records each stream separately (that is how transcripts are made), so `--layout` and `--resolution` do not apply.',
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
    '/video record start [name] [--layout T] [--resolution R] [--individual] [--audio-only|--video-only] [--manual-streams] [--transcribe [--summary] [--language L]]',
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
    {
      name: 'transcribe',
      type: 'boolean',
      description: 'Also make a transcript once the recording is ready',
    },
    { name: 'summary', type: 'boolean', description: 'With --transcribe: add a summary of the transcript' },
    { name: 'language', type: 'string', description: 'With --transcribe: spoken language, e.g. en-US' },
  ],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = routedMeetingOf(ctx, 'it cannot be recorded');
    if ((await runningRecordings(ctx, meeting)).length > 0)
      throw new CommandError('The meeting is already being recorded; stop it with `/video record stop`.');
    const layout = args.layout ? { type: args.layout } : (meeting.layout ?? undefined);
    // The Video API transcribes individual archives only (one transcript per stream).
    const individual = args.individual || args.transcribe;
    const options: ArchiveOptions = {
      ...(args.name ? { name: args.name } : {}),
      hasAudio: !args['video-only'],
      hasVideo: !args['audio-only'],
      outputMode: individual ? 'individual' : 'composed',
      ...(!individual && layout ? { layout: layout as ArchiveOptions['layout'] } : {}),
      ...(args.resolution ? { resolution: args.resolution } : {}),
      ...(args['manual-streams'] ? { streamMode: 'manual' as const } : {}),
      ...(args.transcribe
        ? {
            hasTranscription: true,
            transcriptionProperties: {
              primaryLanguageCode: args.language ?? 'en-US',
              hasSummary: args.summary,
            },
          }
        : {}),
    };
    const archive = await ctx.video.startArchive(meeting.sessionId, options);
    await saveArchive(ctx, meeting, archive, inv.actor.id);
    if (args['manual-streams']) {
      // Manual mode records nothing by itself: add the streams that are live right now.
      const live = (await ctx.store.listStreams(meeting.id)).filter((s) => s.destroyedAt === null);
      for (const s of live) await ctx.video.addArchiveStream(archive.id, s.streamId);
    }
    if (args.transcribe) {
      // Known now so the recap can say "transcript on the way" before the first callback.
      const now = ctx.now();
      ctx.writes.push({
        kind: 'transcript',
        record: {
          recordingId: archive.id,
          meetingId: meeting.id,
          status: 'requested',
          language: args.language ?? 'en-US',
          hasSummary: args.summary,
          summary: null,
          createdAt: archive.createdAt,
          seq: transcriptSeq('requested', now),
        },
      });
    }
    ctx.writes.changed(meeting.id);
    const label = archive.name ? ` **${archive.name}**` : '';
    const transcript = args.transcribe
      ? ` A transcript${args.summary ? ' and a summary' : ''} will follow once the recording is ready.`
      : '';
    return announce(
      `${inv.actor.name} started recording${label}. Everyone in the meeting is being recorded.${transcript}`,
    );
  },
};
