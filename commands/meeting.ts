import type { MeetingRecord } from '../src/store/types.js';
import { CommandError } from './errors.js';
import { meetingOrRoom } from './room-meeting.js';
import type { Command, CommandContext, Invocation } from './types.js';

/**
 * The meeting a request acts on: the card's key when it came from a card, else the channel's active
 * meeting. Ended meetings are refused unless the command works on them (recordings). `keyed`: the
 * meeting of the card's key when the caller already read it.
 */
export async function findMeeting(
  inv: Invocation,
  ctx: CommandContext,
  cmd: Pick<Command, 'allowEnded' | 'opensRoom'>,
  keyed?: MeetingRecord | null,
): Promise<MeetingRecord> {
  if (inv.meetingKey !== undefined) {
    const m = keyed === undefined ? await meetingByKey(inv.meetingKey, ctx) : keyed;
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

/** The meeting a card control's key names, ended or not; null for an unknown or malformed key. */
export async function meetingByKey(
  key: string,
  ctx: Pick<CommandContext, 'store'>,
): Promise<MeetingRecord | null> {
  return /^[A-Za-z0-9_-]{1,64}$/.test(key) ? ctx.store.getMeeting(key) : null;
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
