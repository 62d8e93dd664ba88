import { z } from 'zod';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import { whoOption, whoSchema } from './schema.js';
import type { Command } from './types.js';
import { resolveWho } from './who.js';
import { announce } from './views.js';

const schema = z.object({ who: whoSchema });
const FOCUS_LAYOUTS = new Set(['pip', 'verticalPresentation', 'horizontalPresentation', 'focus', 'custom']);

/** `focus <who>`: gives that person's streams the `focus` class (and takes it from everyone else). */
export const focus: Command<typeof schema> = {
  name: 'focus',
  summary: 'Make one person large in recordings and live streams',
  usage: '/video focus <who>',
  options: [whoOption('Who to focus: a mention, a display name or a connection/stream ID')],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = meetingOf(ctx);
    const person = await resolveWho(ctx, meeting, args.who);
    if (person.streams.length === 0)
      throw new CommandError(`${person.label} is not publishing, so there is nothing to focus.`);
    const mine = new Set(person.streams.map((s) => s.streamId));
    const live = (await ctx.store.listStreams(meeting.id)).filter((s) => s.destroyedAt === null);
    await ctx.video.setStreamClassLists(
      meeting.sessionId,
      live.map((s) => ({ id: s.streamId, layoutClassList: mine.has(s.streamId) ? ['focus'] : [] })),
    );
    ctx.writes.changed(meeting.id);
    const hint = FOCUS_LAYOUTS.has(meeting.layout?.type ?? 'bestFit')
      ? ''
      : ' Use `/video layout horizontalPresentation` to show the focused stream large.';
    return announce(`${inv.actor.name} put ${person.label} in focus.${hint}`);
  },
};
