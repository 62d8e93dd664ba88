import { z } from 'zod';
import { CommandError } from './errors.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const schema = z.object({});

/**
 * `room off`: removes the channel's room and unpins its link. A meeting running in it goes on until
 * it ends; later meetings here get a session of their own again.
 */
export const roomOff: Command<typeof schema> = {
  name: 'room off',
  summary: "Remove this channel's room (its link stops working)",
  usage: '/video room off',
  options: [],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: false,
  async run(_args, inv, ctx) {
    const { platform, teamId, channelId } = inv.place;
    const existing = await ctx.store.getRoomInChannel(platform, teamId, channelId);
    if (!existing) throw new CommandError('This channel has no room; `/video room` makes one.');
    ctx.writes.push({ kind: 'deleteRoom', id: existing.id });
    const pinned = existing.linkRef;
    if (pinned !== null)
      ctx.writes.after(async () => {
        try {
          await ctx.cards.unpinLink(inv.place, pinned);
          return [];
        } catch (err) {
          ctx.log.warn('could not unpin the room link', { roomId: existing.id, err });
          return [{ type: 'context', text: 'Its pinned link could not be removed; remove it by hand.' }];
        }
      });
    const running = await ctx.store.getActiveMeetingInChannel(platform, teamId, channelId);
    const tail =
      running?.sessionId === existing.sessionId ? ` **${running.title}** goes on until it ends.` : '';
    return announce(`${inv.actor.name} removed this channel's room **${existing.title}**.${tail}`);
  },
};
