import type { Actor, Block } from '../src/chat.js';
import type { ConnectionKind } from '../src/identity.js';
import { connectionData } from '../src/identity.js';
import { TICKET_TTL_MS, createTicket } from '../src/join/tickets.js';
import type { MeetingRecord } from '../src/store/types.js';
import { canModerate, roleOf } from './roles.js';
import type { CommandContext } from './types.js';

/** A personal join link for `actor`: a signed ticket the join page exchanges for a Video token. */
export function joinLink(ctx: CommandContext, meeting: MeetingRecord, actor: Actor): string {
  const role = canModerate(roleOf(actor, meeting, ctx)) ? 'moderator' : 'publisher';
  const ticket = createTicket(
    { m: meeting.id, u: actor.id, n: actor.name.slice(0, 80), r: role },
    ctx.ticketSecret,
    ctx.now(),
  );
  return `${ctx.publicUrl.replace(/\/+$/, '')}/join/${ticket}`;
}

/** The blocks that hand someone their join link (always sent ephemerally). */
export function joinBlocks(ctx: CommandContext, meeting: MeetingRecord, actor: Actor): Block[] {
  const minutes = Math.round(TICKET_TTL_MS / 60_000);
  return [
    { type: 'link', label: `Join ${meeting.title}`, url: joinLink(ctx, meeting, actor) },
    {
      type: 'context',
      text: `This link is only for you and works for ${minutes} minutes; ask for a new one with \`/video join\`.`,
    },
  ];
}

/** A Video token for a machine leg (SIP call, audio connector, composer) whose data says what it is. */
export function legToken(
  ctx: CommandContext,
  meeting: MeetingRecord,
  actor: Actor,
  kind: ConnectionKind,
  label: string,
): string {
  const data = connectionData({ kind, platform: actor.platform, userId: actor.id, name: label });
  return ctx.video.generateToken(meeting.sessionId, { role: 'publisher', data });
}
