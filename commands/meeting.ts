import type { MeetingRecord } from '../src/store/types.js';
import { CommandError } from './errors.js';
import { meetingOrRoom } from './room-meeting.js';
import type { Command, CommandContext, Invocation } from './types.js';

/**
 * The meeting a request acts on: the card's key when it came from a card, else the channel's active
 * meeting. Ended meetings are refused unless the command works on them (recordings).
 */
export async function findMeeting(
  inv: Invocation,
  ctx: CommandContext,
  cmd: Pick<Command, 'allowEnded' | 'opensRoom'>,
): Promise<MeetingRecord> {
  if (inv.meetingKey !== undefined) {
    const m = /^[A-Za-z0-9_-]{1,64}$/.test(inv.meetingKey)
      ? await ctx.store.getMeeting(inv.meetingKey)
      : null;
    if (!m) throw new CommandError('That meeting no longer exists.');
    if (m.status === 'ended' && !cmd.allowEnded)
      throw new CommandError(`The meeting **${m.title}** has ended; start a new one with \`/video start\`.`);
    return m;
  }
  const m = cmd.opensRoom
    ? await meetingOrRoom(inv, ctx)
    : await ctx.store.getActiveMeetingInChannel(inv.place.platform, inv.place.teamId, inv.place.channelId);
  if (!m)
    throw new CommandError('There is no meeting running in this channel; start one with `/video start`.');
  return m;
}

/** The meeting dispatch resolved for this command (only commands with `needsMeeting` have one). */
export function meetingOf(ctx: CommandContext): MeetingRecord {
  if (!ctx.meeting) throw new Error('command ran without a meeting; set needsMeeting');
  return ctx.meeting;
}

/** The meeting dispatch resolved, refused when it is relayed: `why` says what a relayed one cannot do. */
export function routedMeetingOf(ctx: CommandContext, why: string): MeetingRecord {
  const meeting = meetingOf(ctx);
  if (meeting.options.relayed)
    throw new CommandError(`This meeting is relayed (peer-to-peer), so ${why}; start a routed one.`);
  return meeting;
}
