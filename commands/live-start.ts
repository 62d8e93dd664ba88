import { z } from 'zod';
import type { BroadcastOptions } from '../src/video/types.js';
import { CommandError } from './errors.js';
import { saveBroadcast, startedBroadcasts } from './live-state.js';
import { routedMeetingOf } from './meeting.js';
import { RESOLUTIONS, flag, resolutionSchema } from './schema.js';
import type { Command } from './types.js';
import { announce, redactUri } from './views.js';

/** `URL KEY` -> an RTMP output; the key is never repeated in an error. */
const rtmpTarget = z.string().transform((v, ctx) => {
  const [serverUrl = '', streamName = '', ...extra] = v.trim().split(/\s+/);
  let ok = false;
  try {
    const u = new URL(serverUrl);
    ok = (u.protocol === 'rtmp:' || u.protocol === 'rtmps:') && u.hostname.length > 0;
  } catch {
    ok = false;
  }
  if (!ok)
    ctx.addIssue({
      code: 'custom',
      message: 'needs an `rtmp://` or `rtmps://` server URL followed by the stream key',
    });
  else if (!streamName || extra.length > 0)
    ctx.addIssue({
      code: 'custom',
      message: 'needs the server URL and then one stream key (no spaces in the key)',
    });
  return { serverUrl, streamName };
});

const schema = z
  .object({
    rtmp: z.array(rtmpTarget).max(5, { error: 'can be given at most 5 times' }).optional().default([]),
    hls: flag,
    dvr: flag,
    'low-latency': flag,
    'max-duration': z
      .number({ error: 'must be a number of seconds' })
      .int({ error: 'must be a whole number of seconds' })
      .min(60, { error: 'must be between 60 and 36000 seconds' })
      .max(36000, { error: 'must be between 60 and 36000 seconds' })
      .optional(),
    resolution: resolutionSchema.optional(),
  })
  .refine((a) => a.rtmp.length > 0 || a.hls, {
    error: 'Say where to stream: `--rtmp URL KEY` (up to 5) and/or `--hls`.',
  })
  .refine((a) => !(a.dvr && a['low-latency']), {
    error: 'HLS can have `--dvr` or `--low-latency`, not both.',
  })
  .refine((a) => a.hls || !(a.dvr || a['low-latency']), {
    error: '`--dvr` and `--low-latency` apply to HLS: add `--hls`.',
  });

/** `live start`: broadcasts the meeting to RTMP servers and/or HLS; stream keys are never stored or shown. */
export const liveStart: Command<typeof schema> = {
  name: 'live start',
  summary: 'Stream the meeting live (RTMP and/or HLS)',
  usage:
    '/video live start [--rtmp URL KEY]... [--hls [--dvr|--low-latency]] [--max-duration S] [--resolution R]',
  options: [
    {
      name: 'rtmp',
      type: 'string[]',
      arity: 2,
      values: 'a URL and a stream key',
      secret: true,
      description: 'RTMP server URL and stream key, e.g. rtmp://a.rtmp.youtube.com/live2 KEY',
    },
    { name: 'hls', type: 'boolean', description: 'Also stream HLS (a watch link on the card)' },
    { name: 'dvr', type: 'boolean', description: 'HLS with rewind (DVR)' },
    { name: 'low-latency', type: 'boolean', description: 'HLS with low latency' },
    {
      name: 'max-duration',
      type: 'integer',
      description: 'Stop automatically after this many seconds (60-36000)',
    },
    { name: 'resolution', type: 'string', description: 'Broadcast resolution', choices: RESOLUTIONS },
  ],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = routedMeetingOf(ctx, 'it cannot be streamed live');
    if ((await startedBroadcasts(ctx, meeting)).length > 0)
      throw new CommandError('The meeting is already live; stop it with `/video live stop`.');
    const options: BroadcastOptions = {
      outputs: {
        ...(args.hls
          ? {
              hls: {
                ...(args.dvr ? { dvr: true } : {}),
                ...(args['low-latency'] ? { lowLatency: true } : {}),
              },
            }
          : {}),
        ...(args.rtmp.length > 0 ? { rtmp: args.rtmp.map((r, i) => ({ id: `rtmp${i + 1}`, ...r })) } : {}),
      },
      ...(args['max-duration'] ? { maxDuration: args['max-duration'] } : {}),
      ...(args.resolution ? { resolution: args.resolution } : {}),
      ...(meeting.layout ? { layout: meeting.layout as BroadcastOptions['layout'] } : {}),
    };
    const broadcast = await ctx.video.startBroadcast(meeting.sessionId, options);
    await saveBroadcast(ctx, meeting, broadcast, inv.actor.id);
    ctx.writes.changed(meeting.id);
    const targets = [...(args.hls ? ['HLS'] : []), ...args.rtmp.map((r) => redactUri(r.serverUrl))];
    return announce(`${inv.actor.name} took the meeting live: ${targets.join(', ')}.`);
  },
};
