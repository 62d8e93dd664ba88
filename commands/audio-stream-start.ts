import { z } from 'zod';
import { CommandError } from './errors.js';
import { legToken } from './links.js';
import { routedMeetingOf } from './meeting.js';
import { urlSchema } from './schema.js';
import type { Command } from './types.js';
import { announce, redactUri } from './views.js';

const schema = z.object({
  uri: urlSchema(['wss'], 'WebSocket URL'),
  stream: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'must be a stream ID from `/video participants`' }),
    )
    .max(50, { error: 'can be given at most 50 times' })
    .optional()
    .default([]),
});

/** `audio-stream start <wss-uri>`: sends the meeting's audio to a WebSocket server (Audio Connector). */
export const audioStreamStart: Command<typeof schema> = {
  name: 'audio-stream start',
  summary: "Stream the meeting's audio to a WebSocket server",
  usage: '/video audio-stream start <wss-uri> [--stream id]...',
  options: [
    {
      name: 'uri',
      type: 'string',
      description: 'The wss:// server to send audio to',
      required: true,
      positional: true,
    },
    {
      name: 'stream',
      type: 'string[]',
      description: 'Only these stream IDs (repeatable, or comma-separated; default all)',
    },
  ],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = routedMeetingOf(ctx, 'audio cannot be streamed out');
    if (args.stream.length > 0) {
      const live = new Set(
        (await ctx.store.listStreams(meeting.id))
          .filter((s) => s.destroyedAt === null)
          .map((s) => s.streamId),
      );
      const unknown = args.stream.find((s) => !live.has(s));
      if (unknown)
        throw new CommandError(
          `There is no live stream \`${unknown}\` in this meeting; \`/video participants\` lists them.`,
        );
    }
    const shown = redactUri(args.uri);
    const token = legToken(ctx, meeting, inv.actor, 'audio', 'Audio stream');
    const conn = await ctx.video.websocketConnect(
      meeting.sessionId,
      token,
      args.uri,
      args.stream.length > 0 ? { streams: args.stream } : {},
    );
    ctx.writes.push({
      kind: 'audioStream',
      record: {
        id: conn.id,
        meetingId: meeting.id,
        connectionId: conn.connectionId,
        uri: shown,
        status: 'active',
        createdAt: ctx.now(),
        seq: 0,
      },
    });
    ctx.writes.changed(meeting.id);
    return announce(`${inv.actor.name} started streaming the meeting's audio to ${shown}.`);
  },
};
