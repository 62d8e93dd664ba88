import { z } from 'zod';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import { whoOption, whoSchema } from './schema.js';
import type { Command } from './types.js';
import { resolveWho } from './who.js';
import { notice } from './views.js';

const schema = z.object({
  type: z
    .string({ error: 'is required' })
    .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'may hold letters, digits, `-` and `_` (at most 128)' }),
  text: z
    .string({ error: 'is required: quote text that has spaces' })
    .refine((v) => Buffer.byteLength(v) <= 8192, { error: 'is too long (at most 8 kB)' }),
  who: whoSchema.optional(),
});

/** `signal <type> <text> [who]`: sends a signal to the clients of everyone or of one person. */
export const signal: Command<typeof schema> = {
  name: 'signal',
  summary: "Send a signal to everyone's client, or to one person's",
  usage: '/video signal <type> "<text>" [who]',
  options: [
    {
      name: 'type',
      type: 'string',
      description: 'Signal type the clients listen for (letters, digits, - and _)',
      required: true,
      positional: true,
    },
    {
      name: 'text',
      type: 'string',
      description: 'Signal data (quote it when it has spaces)',
      required: true,
      positional: true,
    },
    whoOption('Who receives it (default: everyone)', false),
  ],
  schema,
  role: 'moderator',
  needsMeeting: true,
  async run(args, _inv, ctx) {
    const meeting = meetingOf(ctx);
    const payload = { type: args.type, data: args.text };
    if (!args.who) {
      await ctx.video.signal(meeting.sessionId, null, payload);
      return notice('success', `Sent a \`${args.type}\` signal to everyone.`);
    }
    const person = await resolveWho(ctx, meeting, args.who).catch((err: unknown) => {
      // `signal chat hello world` reads `world` as the person: say how to send text with spaces.
      if (err instanceof CommandError)
        throw new CommandError(
          `${err.message.replace(/\.$/, '')} (quote the text if it has spaces).`,
          this.usage,
        );
      throw err;
    });
    for (const c of person.connections) await ctx.video.signal(meeting.sessionId, c.connectionId, payload);
    return notice('success', `Sent a \`${args.type}\` signal to ${person.label}.`);
  },
};
