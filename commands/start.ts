import { randomBytes, randomUUID } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import type { View } from '../src/chat.js';
import { roomMeeting } from '../src/rooms/meeting.js';
import type { MeetingRecord } from '../src/store/types.js';
import { CommandError } from './errors.js';
import { joinBlocks } from './links.js';
import { RESOLUTIONS, flag, resolutionSchema, titleSchema } from './schema.js';
import type { Command, CommandContext, Invocation } from './types.js';
import { notice } from './views.js';

const schema = z
  .object({
    title: titleSchema(150).optional(),
    relayed: flag,
    'auto-record': flag,
    e2ee: flag,
    location: z
      .string()
      .refine((v) => isIPv4(v), { error: 'must be an IPv4 address, e.g. `203.0.113.7`' })
      .optional(),
    'archive-resolution': resolutionSchema.optional(),
  })
  .refine((a) => !(a.relayed && a['auto-record']), {
    error: '`--auto-record` needs a routed session: drop `--relayed`.',
  })
  .refine((a) => !(a.relayed && a.e2ee), { error: '`--e2ee` needs a routed session: drop `--relayed`.' })
  .refine((a) => !(a.e2ee && a['auto-record']), {
    error: 'End-to-end encrypted meetings cannot record automatically: drop `--auto-record` or `--e2ee`.',
  });

/** A new meeting's short key: URL-safe, unguessable, used in buttons and join tickets. */
export function newMeetingKey(): string {
  return randomBytes(8).toString('base64url').slice(0, 10);
}

/**
 * `start`: creates a session, stores the meeting and posts its card once the meeting is committed;
 * one active meeting per channel.
 */
export const start: Command<typeof schema> = {
  name: 'start',
  summary: 'Start a meeting in this channel and post its live card',
  usage: '/video start [title] [--relayed] [--auto-record] [--e2ee] [--location IP] [--archive-resolution R]',
  options: [
    { name: 'title', type: 'string', description: 'Meeting title', positional: true, rest: true },
    { name: 'relayed', type: 'boolean', description: 'Peer-to-peer media (no recording or live streaming)' },
    {
      name: 'auto-record',
      type: 'boolean',
      description: 'Record automatically from the first published stream',
    },
    { name: 'e2ee', type: 'boolean', description: 'End-to-end encrypted media' },
    { name: 'location', type: 'string', description: 'IPv4 address to pick the media server region near' },
    {
      name: 'archive-resolution',
      type: 'string',
      description: 'Resolution of automatic recordings',
      choices: RESOLUTIONS,
    },
  ],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const { platform, teamId, channelId } = inv.place;
    const existing = await ctx.store.getActiveMeetingInChannel(platform, teamId, channelId);
    if (existing && (await hasCard(ctx, existing))) {
      // This very request, run again after its replica died once the meeting was up: same answer.
      const mine = inv.rerun && existing.platform === inv.actor.platform && existing.hostId === inv.actor.id;
      return mine ? started(existing, inv, ctx) : alreadyRunning(existing, inv, ctx, args);
    }
    // A lease makes two simultaneous starts in one channel produce one meeting, across replicas. Its
    // holder is the delivery's idempotency key, so the re-run of a start whose replica died midway
    // takes the lease its first run still holds instead of being refused by it.
    const lease = `start:${platform}:${teamId}:${channelId}`;
    const holder = inv.idempotencyKey ? `${platform}:${inv.idempotencyKey}` : randomUUID();
    if (!(await ctx.store.acquireLease(lease, holder, 30_000, ctx.now()))) {
      if (existing) return alreadyRunning(existing, inv, ctx, args);
      return notice(
        'warning',
        'A meeting is being started in this channel right now; try `/video join` in a moment.',
      );
    }
    // Held until the new meeting is committed (ctx.writes.finally), so a second start sees it.
    let releaseAfterCommit = false;
    try {
      const again = await ctx.store.getActiveMeetingInChannel(platform, teamId, channelId);
      // A meeting without a stored card is a start interrupted before its card was stored: post it.
      if (again && !(await hasCard(ctx, again)))
        return repaired(again, await postCard(ctx, again.id), inv, ctx);
      if (again) return alreadyRunning(again, inv, ctx, args);
      // A channel with a room holds its meetings in the room's session, with the room's settings.
      const room = await ctx.store.getRoomInChannel(platform, teamId, channelId);
      if (room && sessionFlags(args).length > 0)
        throw new CommandError(
          `This channel's room decides how its meetings run, so ${sessionFlags(args).join(', ')} cannot be used here; \`/video room\` shows its settings.`,
        );
      const meeting: MeetingRecord = room
        ? {
            ...roomMeeting(room, {
              id: newMeetingKey(),
              hostId: inv.actor.id,
              hostName: inv.actor.name,
              title: args.title,
              now: ctx.now(),
            }),
            version: 1,
          }
        : await newSessionMeeting(args, inv, ctx);
      const { version: _version, ...created } = meeting;
      ctx.writes.push({ kind: 'createMeeting', meeting: created });
      // The card is rendered from the store, so it is posted once the meeting is committed.
      ctx.writes.after(async () => {
        const card = await postCard(ctx, meeting.id);
        if (card === 'posted') return [];
        return [
          { type: 'notice', level: card === 'failed' ? 'warning' : 'info', text: CARD_NOTE[card].trim() },
        ];
      });
      ctx.writes.finally(() => ctx.store.releaseLease(lease, holder));
      releaseAfterCommit = true;
      return started(meeting, inv, ctx);
    } finally {
      if (!releaseAfterCommit) await ctx.store.releaseLease(lease, holder);
    }
  },
};

/** A meeting in a new session of its own (a channel without a room). */
async function newSessionMeeting(
  args: z.infer<typeof schema>,
  inv: Invocation,
  ctx: CommandContext,
): Promise<MeetingRecord> {
  const { platform, teamId, channelId } = inv.place;
  const session = await ctx.video.createSession({
    mediaMode: args.relayed ? 'relayed' : 'routed',
    archiveMode: args['auto-record'] ? 'always' : 'manual',
    ...(args.e2ee ? { e2ee: true } : {}),
    ...(args.location ? { location: args.location } : {}),
    ...(args['archive-resolution'] ? { archiveResolution: args['archive-resolution'] } : {}),
  });
  const meeting: MeetingRecord = {
    id: newMeetingKey(),
    sessionId: session.sessionId,
    platform,
    teamId,
    channelId,
    title: args.title || `${inv.actor.name}'s meeting`,
    hostId: inv.actor.id,
    hostName: inv.actor.name,
    status: 'active',
    options: {
      relayed: args.relayed,
      autoRecord: args['auto-record'],
      e2ee: args.e2ee,
      ...(args.location ? { location: args.location } : {}),
      ...(args['archive-resolution'] ? { archiveResolution: args['archive-resolution'] } : {}),
    },
    muteAll: false,
    layout: null,
    createdAt: ctx.now(),
    endedAt: null,
    version: 1,
  };
  return meeting;
}

/** The session options given to `start` (a room's meetings take the room's). */
function sessionFlags(args: z.infer<typeof schema>): string[] {
  return [
    args.relayed ? '`--relayed`' : '',
    args['auto-record'] ? '`--auto-record`' : '',
    args.e2ee ? '`--e2ee`' : '',
    args.location ? '`--location`' : '',
    args['archive-resolution'] ? '`--archive-resolution`' : '',
  ].filter(Boolean);
}

type CardOutcome = 'posted' | 'pending' | 'failed';
const CARD_NOTE: Record<CardOutcome, string> = {
  posted: '',
  // The card waits in the outbox and is posted once the platform lets us (src/cards/outbox.ts).
  pending: ' Its card will appear here shortly (the chat platform asked us to wait).',
  failed: ' The card could not be posted; `/video status` shows it.',
};

async function postCard(ctx: CommandContext, meetingId: string): Promise<CardOutcome> {
  try {
    return await ctx.cards.post(meetingId);
  } catch (err) {
    ctx.log.error('posting the meeting card failed', { meetingId, err });
    return 'failed';
  }
}

async function hasCard(ctx: CommandContext, m: MeetingRecord): Promise<boolean> {
  return (await ctx.store.listCards(m.id)).length > 0;
}

function repaired(m: MeetingRecord, card: CardOutcome, inv: Invocation, ctx: CommandContext): View {
  const note =
    card === 'posted' ? ' Its card was posted.' : CARD_NOTE[card].replace(' The card', ' Its card');
  return notice(
    card === 'failed' ? 'warning' : 'info',
    `${runningText(m)}${note}`,
    joinBlocks(ctx, m, inv.actor),
  );
}

function runningText(m: MeetingRecord): string {
  return `**${m.title}** is already running in this channel (started by ${m.hostName}); here is your link to it.`;
}

function started(m: MeetingRecord, inv: Invocation, ctx: CommandContext): View {
  return notice('success', `Meeting **${m.title}** started.`, joinBlocks(ctx, m, inv.actor));
}

function alreadyRunning(
  m: MeetingRecord,
  inv: Invocation,
  ctx: CommandContext,
  args: z.infer<typeof schema>,
): View {
  return notice('info', `${runningText(m)}${unusedText(args)}`, joinBlocks(ctx, m, inv.actor));
}

/** What a start that found a meeting running did not use (its title, its session options), said. */
function unusedText(args: z.infer<typeof schema>): string {
  const unused = [
    ...(args.title ? [`the title "${args.title}"`] : []),
    ...(['relayed', 'auto-record', 'e2ee'] as const).filter((f) => args[f]).map((f) => `\`--${f}\``),
    ...(args.location ? ['`--location`'] : []),
    ...(args['archive-resolution'] ? ['`--archive-resolution`'] : []),
  ];
  if (unused.length === 0) return '';
  const list = unused.length === 1 ? unused[0]! : `${unused.slice(0, -1).join(', ')} and ${unused.at(-1)!}`;
  const one = unused.length === 1;
  return ` ${list[0]!.toUpperCase()}${list.slice(1)} ${one ? 'was' : 'were'} not used (${one ? 'it applies' : 'they apply'} only to a new meeting).`;
}
