import { z } from 'zod';
import { meetingState } from '../src/cards/state.js';
import { meetingOf } from './meeting.js';
import { whoOption, whoSchema } from './schema.js';
import type { Command, CommandContext } from './types.js';
import { resolveWho } from './who.js';
import { notice } from './views.js';

const schema = z.object({
  digits: z
    .string({ error: 'is required: digits 0-9, `*`, `#` or `p` (pause)' })
    .trim()
    .regex(/^[0-9*#p]{1,64}$/, {
      error: 'may only hold 0-9, `*`, `#` and `p` (a pause), at most 64 of them',
    }),
  who: whoSchema.optional(),
});

/** `dtmf <digits> [who]`: plays touch tones to one phone leg, or to every connection. */
export const dtmf: Command<typeof schema> = {
  name: 'dtmf',
  summary: 'Send touch tones (DTMF) to a phone call or to everyone',
  usage: '/video dtmf <digits> [who]',
  options: [
    {
      name: 'digits',
      type: 'string',
      description: 'Digits 0-9, * and #; p pauses 500 ms',
      required: true,
      positional: true,
    },
    whoOption('Who hears them (default: everyone): a phone leg, a mention, a name or a connection ID', false),
  ],
  schema,
  role: 'moderator',
  needsMeeting: true,
  async run(args, _inv, ctx) {
    const meeting = meetingOf(ctx);
    if (!args.who) {
      await ctx.video.playDTMF(meeting.sessionId, null, args.digits);
      return notice('success', `Sent \`${args.digits}\` to everyone in the meeting.`);
    }
    // A phone leg may be addressed before its connection callback arrives, so check SIP legs first;
    // a number dialled more than once is left to resolveWho, which names each leg (`+1555 #2`).
    const legs = (await ctx.store.listSipLegs(meeting.id)).filter((l) => l.endedAt === null);
    const byUri = legs.filter((l) => l.uri === args.who);
    const leg =
      legs.find((l) => l.connectionId === args.who || l.id === args.who) ??
      (byUri.length === 1 ? byUri[0] : undefined);
    const person = leg ? null : await resolveWho(ctx, meeting, args.who);
    const targets = leg
      ? [{ id: leg.connectionId, label: await legLabel(ctx, meeting.id, leg) }]
      : person!.connections.map((c) => ({ id: c.connectionId, label: person!.label }));
    for (const t of targets) await ctx.video.playDTMF(meeting.sessionId, t.id, args.digits);
    return notice('success', `Sent \`${args.digits}\` to ${targets[0]?.label || 'them'}.`);
  },
};

/** The leg's name as the card shows it (`+1555 #2` when the number was dialled more than once). */
async function legLabel(
  ctx: CommandContext,
  meetingId: string,
  leg: { connectionId: string; uri: string },
): Promise<string> {
  const snap = await ctx.store.getMeetingSnapshot(meetingId);
  return (
    (snap && meetingState(snap).calls.find((c) => c.connectionId === leg.connectionId)?.label) || leg.uri
  );
}
