import { z } from 'zod';
import { legToken } from './links.js';
import { routedMeetingOf } from './meeting.js';
import { flag } from './schema.js';
import { dialProblem, dialTarget } from './sip-uri.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const schema = z.object({
  uri: z
    .string({ error: 'is required: a SIP URI or a phone number' })
    .trim()
    .min(1, { error: 'is required: a SIP URI or a phone number' })
    .max(512, { error: 'is too long' })
    .superRefine((v, issues) => {
      // The dial rule is part of validation, so a form can point at the field before anything runs.
      const problem = dialProblem(v);
      if (v && problem) issues.addIssue({ code: 'custom', message: problem });
    }),
  video: flag,
  secure: flag,
  from: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9+@.:_-]{1,100}$/, { error: 'must be a phone number or SIP address without spaces' })
    .optional(),
  'observe-mute': flag,
});

/** `dial <sip-uri|phone>`: calls out over SIP and brings the call into the meeting. */
export const dial: Command<typeof schema> = {
  name: 'dial',
  summary: 'Call a phone number or SIP address into the meeting',
  usage: '/video dial <sip-uri|+phone> [--video] [--secure] [--from X] [--observe-mute]',
  options: [
    {
      name: 'uri',
      type: 'string',
      description: 'SIP URI (sip:user@host) or phone number with country code (+14155550100)',
      required: true,
      positional: true,
      rest: true,
    },
    { name: 'video', type: 'boolean', description: 'Include video in the call' },
    { name: 'secure', type: 'boolean', description: 'Encrypt the call media (SRTP)' },
    { name: 'from', type: 'string', description: 'Caller ID to show' },
    { name: 'observe-mute', type: 'boolean', description: 'Let mute-all mute the call too' },
  ],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = routedMeetingOf(ctx, 'it cannot dial out');
    const target = dialTarget(args.uri);
    const token = legToken(ctx, meeting, inv.actor, 'sip', target.label);
    const call = await ctx.video.dial(meeting.sessionId, token, target.uri, {
      ...(args.video ? { video: true } : {}),
      ...(args.secure || target.secure ? { secure: true } : {}),
      ...(args.from ? { from: args.from } : {}),
      ...(args['observe-mute'] ? { observeForceMute: true } : {}),
    });
    // seq 0: any SIP callback for this leg is newer than what the dial reply told us.
    ctx.writes.push({
      kind: 'sipLeg',
      record: {
        id: call.id,
        meetingId: meeting.id,
        connectionId: call.connectionId,
        streamId: call.streamId ?? null,
        uri: target.label,
        state: 'dialing',
        createdAt: ctx.now(),
        endedAt: null,
        seq: 0,
      },
    });
    ctx.writes.changed(meeting.id);
    return announce(`${inv.actor.name} is calling \`${target.label}\` into the meeting.`);
  },
};
