import type { Actor } from '../src/chat.js';
import { ScheduleBoard } from '../src/planned/board.js';
import { ScheduleCalendar } from '../src/planned/calendar.js';
import { validScheduleId } from '../src/planned/links.js';
import { isScheduleError } from '../src/schedule/index.js';
import type { ScheduleRecord } from '../src/store/schedule-types.js';
import { CommandError } from './errors.js';
import type { CommandContext, Invocation } from './types.js';

// What the schedule subcommands share: the schedule a request names (typed ID or the card's key),
// checked against the channel it is used in; who may change it; the board and the calendar.

/** The schedule board over the command's services. */
export function boardOf(ctx: CommandContext): ScheduleBoard {
  return new ScheduleBoard(ctx);
}

/** The platform calendar sync over the command's services. */
export function calendarOf(ctx: CommandContext): ScheduleCalendar {
  return new ScheduleCalendar(ctx);
}

/**
 * The schedule named by `id` (typed) or by the card the request came from, in this channel. A schedule
 * of another channel is refused as unknown, so IDs cannot be used to act on other channels.
 */
export async function scheduleIn(
  id: string | undefined,
  inv: Invocation,
  ctx: CommandContext,
  usage: string,
): Promise<ScheduleRecord> {
  const want = (id ?? inv.meetingKey ?? '').trim().toLowerCase();
  if (!want)
    throw new CommandError(
      'Say which planned meeting: its ID is on its card and in `/video schedule list`.',
      usage,
    );
  const s = validScheduleId(want) ? await ctx.store.getSchedule(want) : null;
  const { platform, teamId, channelId } = inv.place;
  if (!s || s.platform !== platform || s.teamId !== teamId || s.channelId !== channelId)
    throw new CommandError(
      `There is no planned meeting \`${want.slice(0, 32)}\` in this channel; \`/video schedule list\` shows them.`,
    );
  return s;
}

/** Whether `actor` may change or cancel `s`: whoever planned it, or a moderator. */
export function mayChange(s: ScheduleRecord, actor: Actor, ctx: CommandContext): boolean {
  return (
    (s.platform === actor.platform && s.creatorId === actor.id) ||
    actor.moderator ||
    ctx.moderatorIds.has(actor.id)
  );
}

/** Runs `fn`, turning a refused schedule input into the command's one-sentence error. */
export function readInput<T>(fn: () => T, usage: string, field?: string): T {
  try {
    return fn();
  } catch (err) {
    if (isScheduleError(err)) throw new CommandError(err.userMessage, usage, 'error', field);
    throw err;
  }
}
