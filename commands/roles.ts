import type { Actor } from '../src/chat.js';
import type { MeetingRecord } from '../src/store/types.js';
import type { CommandContext } from './types.js';

/** Where a person stands in a meeting. */
export type MeetingRole = 'host' | 'moderator' | 'participant';

/** Host (who started it), moderator (platform verdict or configured list), else participant. */
export function roleOf(
  actor: Actor,
  meeting: MeetingRecord | undefined,
  ctx: Pick<CommandContext, 'moderatorIds'>,
): MeetingRole {
  if (meeting && meeting.platform === actor.platform && meeting.hostId === actor.id) return 'host';
  if (actor.moderator || ctx.moderatorIds.has(actor.id)) return 'moderator';
  return 'participant';
}

/** Whether the role may run moderation commands. */
export function canModerate(role: MeetingRole): boolean {
  return role !== 'participant';
}
