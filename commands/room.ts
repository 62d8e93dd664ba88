import { z } from 'zod';
import { roomUrl } from '../src/rooms/links.js';
import { newRoomKey } from '../src/rooms/meeting.js';
import type { RoomRecord } from '../src/store/types.js';
import { CommandError } from './errors.js';
import { roomBlocks } from './room-view.js';
import { LAYOUTS, flag, layoutSchema, titleSchema } from './schema.js';
import type { Command, CommandContext, Invocation } from './types.js';
import { announce, notice } from './views.js';

const schema = z
  .object({
    title: titleSchema(150).optional(),
    layout: layoutSchema.optional(),
    'auto-record': flag,
    e2ee: flag,
    'captions-language': z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}-[A-Z]{2}$/, { error: 'must be a language code such as `en-US` or `de-DE`' })
      .optional(),
  })
  .refine((a) => !(a.e2ee && a['auto-record']), {
    error: 'End-to-end encrypted rooms cannot record automatically: drop `--auto-record` or `--e2ee`.',
  })
  .refine((a) => a.layout !== 'custom', {
    error:
      'A room cannot keep a `custom` layout; pick another one and use `/video layout custom` in a meeting.',
  });

type Args = z.infer<typeof schema>;

/** Whether the person asked for anything beyond "show me the room". */
function asksForSettings(a: Args): boolean {
  return Boolean(a.title || a.layout || a['auto-record'] || a.e2ee || a['captions-language']);
}

/**
 * `room`: makes the channel's room (moderators) — one long-lived routed session with its settings,
 * whose join address never changes — or shows the room the channel has.
 */
export const room: Command<typeof schema> = {
  name: 'room',
  summary: "Make this channel's room (a link that stays the same), or show it",
  usage: '/video room [title] [--layout L] [--auto-record] [--e2ee] [--captions-language xx-XX]',
  options: [
    { name: 'title', type: 'string', description: 'Room name', positional: true, rest: true },
    {
      name: 'layout',
      type: 'string',
      description: 'Layout of recordings and live streams',
      choices: LAYOUTS,
    },
    { name: 'auto-record', type: 'boolean', description: 'Record every meeting in the room automatically' },
    { name: 'e2ee', type: 'boolean', description: 'End-to-end encrypted media' },
    { name: 'captions-language', type: 'string', description: 'Language of live captions, e.g. en-US' },
  ],
  schema,
  // Anyone may see the room; making one is checked in run (moderators only) and audited there.
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const { platform, teamId, channelId } = inv.place;
    const existing = await ctx.store.getRoomInChannel(platform, teamId, channelId);
    if (existing) {
      if (asksForSettings(args))
        throw new CommandError(
          `This channel already has the room **${existing.title}**; \`/video room off\` removes it, then \`/video room\` with new settings makes another (with a new link).`,
        );
      // A moderator asking puts the link back in place: re-pinned if it was removed or never pinned,
      // edited (bookmarks.edit) so it shows the current address, e.g. after PUBLIC_URL changed.
      const more = moderates(inv, ctx) ? await pinRoomLink(ctx, inv, existing, existing.linkRef, false) : [];
      return notice('info', `This channel's room is **${existing.title}**.`, [
        ...roomBlocks(ctx, existing),
        ...more,
      ]);
    }
    if (!moderates(inv, ctx)) throw new CommandError("Only a moderator can make this channel's room.");
    const session = await ctx.video.createSession({
      mediaMode: 'routed',
      archiveMode: args['auto-record'] ? 'always' : 'manual',
      ...(args.e2ee ? { e2ee: true } : {}),
    });
    const made: RoomRecord = {
      id: newRoomKey(),
      platform,
      teamId,
      channelId,
      sessionId: session.sessionId,
      title: args.title || 'Channel room',
      layout: args.layout ?? null,
      autoRecord: args['auto-record'],
      e2ee: args.e2ee,
      captionsLanguage: args['captions-language'] ?? null,
      createdBy: inv.actor.id,
      createdByName: inv.actor.name,
      createdAt: ctx.now(),
      linkRef: null,
      idleEndAt: null,
    };
    const { linkRef: _l, idleEndAt: _i, ...row } = made;
    ctx.writes.push(
      { kind: 'createRoom', room: row },
      {
        kind: 'audit',
        entry: {
          meetingId: null,
          platform,
          actorId: inv.actor.id,
          actorName: inv.actor.name,
          action: 'room',
          target: made.id,
          outcome: 'ok',
          detail: null,
          at: made.createdAt,
        },
      },
    );
    ctx.writes.after(() => pinRoomLink(ctx, inv, made, null, true));
    return announce(`${inv.actor.name} made this channel's room **${made.title}**.`, roomBlocks(ctx, made));
  },
};

function moderates(inv: Invocation, ctx: CommandContext): boolean {
  return inv.actor.moderator || ctx.moderatorIds.has(inv.actor.id);
}

/** Pins (or re-pins) the room link in the channel once the room is stored; a failure is told, not fatal. */
async function pinRoomLink(
  ctx: CommandContext,
  inv: Invocation,
  made: RoomRecord,
  previous: string | null,
  creating: boolean,
) {
  const stored = await ctx.store.getRoom(made.id);
  if (!stored && !creating) return [];
  if (!stored)
    // A second `/video room` in the same moment won: this one's room was not stored.
    return [
      {
        type: 'notice' as const,
        level: 'warning' as const,
        text: 'Another room was made here at the same moment; `/video room` shows it.',
      },
    ];
  try {
    const ref = await ctx.cards.pinLink(
      inv.place,
      { title: made.title, url: roomUrl(ctx.publicUrl, made.id) },
      previous,
    );
    if (ref !== null && ref !== previous)
      await ctx.store.commit([{ kind: 'roomLink', id: made.id, linkRef: ref }]);
    return [];
  } catch (err) {
    ctx.log.warn('could not pin the room link in the channel', { roomId: made.id, err });
    return [
      {
        type: 'context' as const,
        text: 'The link could not be pinned in the channel; it works all the same.',
      },
    ];
  }
}
