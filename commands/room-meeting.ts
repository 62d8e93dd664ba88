import { randomUUID } from 'node:crypto';
import { TICKET_TTL_MS } from '../src/join/tickets.js';
import { roomMeeting } from '../src/rooms/meeting.js';
import type { MeetingRecord } from '../src/store/types.js';
import { CommandError } from './errors.js';
import { newMeetingKey } from './start.js';
import type { CommandContext, Invocation } from './types.js';

// `/video join` in a channel whose room is empty: the room's next meeting is opened quietly (no card
// yet) so the person gets a personal link to it. Its card is posted when someone really connects
// (src/events/apply-room.ts); if nobody does, its idle end closes it after the link has expired.

/** The channel's active meeting, or a new meeting in the channel's room; null when it has neither. */
export async function meetingOrRoom(inv: Invocation, ctx: CommandContext): Promise<MeetingRecord | null> {
  const { platform, teamId, channelId } = inv.place;
  const active = await ctx.store.getActiveMeetingInChannel(platform, teamId, channelId);
  if (active) return active;
  const room = await ctx.store.getRoomInChannel(platform, teamId, channelId);
  if (!room) return null;
  // The same lease as `start`, so a join and a start at the same moment open one meeting.
  const lease = `start:${platform}:${teamId}:${channelId}`;
  const holder = inv.idempotencyKey ? `${platform}:${inv.idempotencyKey}` : randomUUID();
  if (!(await ctx.store.acquireLease(lease, holder, 30_000, ctx.now())))
    throw new CommandError(
      'The room is opening right now; try `/video join` again in a moment.',
      undefined,
      'warning',
    );
  let release = true;
  try {
    const again = await ctx.store.getActiveMeetingInChannel(platform, teamId, channelId);
    if (again) return again;
    const now = ctx.now();
    const meeting = roomMeeting(room, {
      id: newMeetingKey(),
      hostId: inv.actor.id,
      hostName: inv.actor.name,
      now,
    });
    const idleMs = ctx.roomIdleEndMs ?? 5 * 60_000;
    ctx.writes.push(
      { kind: 'createMeeting', meeting },
      // Nobody is in it yet: unless someone connects, it closes once the link could no longer be used.
      { kind: 'roomIdle', id: room.id, endAt: now + TICKET_TTL_MS + idleMs },
    );
    ctx.writes.finally(() => ctx.store.releaseLease(lease, holder));
    release = false;
    return { ...meeting, version: 1 };
  } finally {
    if (release) await ctx.store.releaseLease(lease, holder);
  }
}
