import { z } from 'zod';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import { whoSchema } from './schema.js';
import type { Command } from './types.js';
import { resolveWho } from './who.js';
import { announce, notice } from './views.js';

const schema = z
  .object({
    target: whoSchema,
    except: z.array(whoSchema).max(50, { error: 'can be given at most 50 times' }).optional().default([]),
  })
  .refine((a) => a.except.length === 0 || a.target.toLowerCase() === 'all', {
    error: '`--except` goes with `mute all`.',
  });

/** `mute all|off|<who>`: force-mutes everyone (but some), stops forcing, or mutes one person. */
export const mute: Command<typeof schema> = {
  name: 'mute',
  summary: 'Mute everyone (`all`), stop muting new streams (`off`), or mute one person',
  usage: '/video mute all [--except who]... | /video mute off | /video mute <who>',
  options: [
    {
      name: 'target',
      type: 'string',
      description: '`all`, `off`, or who to mute (a mention, a display name or a connection ID)',
      required: true,
      positional: true,
      rest: true,
    },
    {
      name: 'except',
      type: 'string[]',
      description: 'With `all`: who to leave unmuted (repeatable, or several separated by commas)',
    },
  ],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(args, inv, ctx) {
    const meeting = meetingOf(ctx);
    const target = args.target.toLowerCase();
    if (target === 'off') {
      await ctx.video.disableForceMute(meeting.sessionId);
      ctx.writes.push({ kind: 'updateMeeting', id: meeting.id, patch: { muteAll: false } });
      ctx.writes.changed(meeting.id);
      return announce(
        `${inv.actor.name} turned mute-all off: new streams are no longer muted and people can unmute themselves.`,
      );
    }
    if (target === 'all') {
      const spared = [];
      for (const who of args.except) spared.push(await resolveWho(ctx, meeting, who));
      const excluded = spared.flatMap((p) => p.streams.map((s) => s.streamId));
      await ctx.video.forceMuteAll(
        meeting.sessionId,
        excluded.length > 0 ? { excludedStreamIds: excluded } : {},
      );
      // Phone legs obey mute-all only when dialled with --observe-mute, and then their muteForced
      // callback marks them; marking them here would show every phone as muted.
      const phones = new Set(
        (await ctx.store.listConnections(meeting.id))
          .filter((c) => c.kind === 'sip')
          .map((c) => c.connectionId),
      );
      const live = (await ctx.store.listStreams(meeting.id)).filter(
        (s) => s.destroyedAt === null && !excluded.includes(s.streamId) && !phones.has(s.connectionId),
      );
      ctx.writes.push({ kind: 'updateMeeting', id: meeting.id, patch: { muteAll: true } });
      if (live.length > 0)
        ctx.writes.push({
          kind: 'streamsMuted',
          meetingId: meeting.id,
          muted: true,
          streamIds: live.map((s) => s.streamId),
        });
      ctx.writes.changed(meeting.id);
      const but = spared.length > 0 ? ` except ${spared.map((p) => p.label).join(', ')}` : '';
      return announce(`${inv.actor.name} muted everyone${but}.`);
    }
    const person = await resolveWho(ctx, meeting, args.target);
    if (person.streams.length === 0)
      throw new CommandError(`${person.label} is not publishing, so there is nothing to mute.`);
    // The server is not told when someone unmutes themselves, so a stream marked muted may be live
    // again: mute it anyway, and say what the bot knew.
    const already = person.streams.every((s) => s.muted);
    for (const s of person.streams) await ctx.video.forceMuteStream(meeting.sessionId, s.streamId);
    ctx.writes.push({
      kind: 'streamsMuted',
      meetingId: meeting.id,
      muted: true,
      streamIds: person.streams.map((s) => s.streamId),
    });
    ctx.writes.changed(meeting.id);
    if (already)
      return notice(
        'info',
        `${person.label} was already muted (muted again in case they had unmuted themselves).`,
      );
    return announce(`${inv.actor.name} muted ${person.label}.`);
  },
};
