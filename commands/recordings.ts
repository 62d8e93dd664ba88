import { z } from 'zod';
import type { Block, View } from '../src/chat.js';
import { BUTTON_ROWS, itemBlocks, pageButtons, transcriptsOf, when } from './library-view.js';
import { canModerate, roleOf } from './roles.js';
import type { Command, CommandContext, Invocation } from './types.js';

const schema = z.object({
  page: z
    .number({ error: 'must be a page number' })
    .int({ error: 'must be a page number' })
    .min(1, { error: 'must be a page number' })
    .max(10_000, { error: 'must be a page number' })
    .optional()
    .default(1),
  meeting: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a meeting ID (a recording line names it)' })
    .optional(),
  mine: z.boolean().optional().default(false),
  count: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be between 1 and 50' })
    .max(50, { error: 'must be between 1 and 50' })
    .optional()
    .default(BUTTON_ROWS),
});
type Args = z.infer<typeof schema>;

// Paging buttons carry the list they page as their key: the channel's, the person's, or a meeting's.
const CHANNEL = 'all';
const MINE = 'mine';

/**
 * `recordings [page] [--meeting ID] [--mine] [--count N]`: the channel's recordings (every meeting,
 * during and after it), newest first, paged; `--mine` lists the meetings the person hosted or
 * attended (the Slack App Home shows the same).
 */
export const recordings: Command<typeof schema> = {
  name: 'recordings',
  summary: "List the channel's recordings (or yours, with --mine)",
  usage: '/video recordings [page] [--meeting ID] [--mine] [--count N]',
  options: [
    { name: 'page', type: 'integer', description: 'Page number (default 1)', positional: true },
    { name: 'meeting', type: 'string', description: "Only this meeting's recordings" },
    { name: 'mine', type: 'boolean', description: 'The meetings you hosted or attended, anywhere' },
    { name: 'count', type: 'integer', description: 'How many per page (1-50, default 4)' },
  ],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(args, inv, ctx) {
    const key = inv.meetingKey;
    if (key === MINE || (key === undefined && args.mine)) return personalLibrary(inv, ctx, args.page);
    const meetingId = key !== undefined && key !== CHANNEL ? key : args.meeting;
    return channelLibrary(inv, ctx, { ...args, ...(meetingId !== undefined ? { meeting: meetingId } : {}) });
  },
};

async function channelLibrary(inv: Invocation, ctx: CommandContext, args: Args): Promise<View> {
  const { place } = inv;
  const page = await ctx.store.listChannelRecordings({
    platform: place.platform,
    teamId: place.teamId,
    channelId: place.channelId,
    ...(args.meeting !== undefined ? { meetingId: args.meeting } : {}),
    offset: (args.page - 1) * args.count,
    limit: args.count,
  });
  const title = args.meeting !== undefined ? 'Recordings of this meeting' : 'Recordings in this channel';
  const pages = Math.max(1, Math.ceil(page.total / args.count));
  if (page.items.length === 0) {
    const scope = args.meeting ?? CHANNEL;
    if (page.total > 0)
      return {
        visibility: 'ephemeral',
        title,
        blocks: [
          { type: 'text', text: `There ${pages === 1 ? 'is only 1 page' : `are only ${pages} pages`}.` },
          ...pageButtons(scope, pages + 1, pages),
        ],
      };
    const text =
      args.meeting !== undefined
        ? "That meeting has no recordings in this channel; `/video recordings` lists the channel's."
        : 'No recordings yet; `/video record start` makes one during a meeting.';
    return { visibility: 'ephemeral', title, blocks: [{ type: 'text', text }] };
  }
  const blocks: Block[] = itemBlocks(page.items, {
    now: ctx.now(),
    moderator: (m) => canModerate(roleOf(inv.actor, m, ctx)),
    withMeeting: args.meeting === undefined,
    transcripts: await transcriptsOf(ctx.store, page.items),
  });
  blocks.push({
    type: 'context',
    text: `Page ${args.page} of ${pages} · ${page.total} recording${page.total === 1 ? '' : 's'} · links are made when you click`,
  });
  blocks.push(...pageButtons(args.meeting ?? CHANNEL, args.page, pages));
  return { visibility: 'ephemeral', title, blocks };
}

// The person's meetings per page (each with its recordings), and how many meetings are looked at.
const MEETINGS_PER_PAGE = 4;
const MEETINGS_LOOKED_AT = 200;

/**
 * The meetings the person hosted or attended on this platform and workspace, newest first, with
 * their recordings and buttons: `/video recordings --mine`, Discord's list and Slack's App Home.
 */
export async function personalLibrary(inv: Invocation, ctx: CommandContext, pageNo: number): Promise<View> {
  const { actor, place } = inv;
  const meetings = await ctx.store.listPersonMeetings(
    actor.platform,
    place.teamId,
    actor.id,
    MEETINGS_LOOKED_AT,
  );
  const title = 'Your meetings and recordings';
  if (meetings.length === 0)
    return {
      visibility: 'ephemeral',
      title,
      blocks: [{ type: 'text', text: 'You have not hosted or attended a meeting here yet.' }],
    };
  const pages = Math.ceil(meetings.length / MEETINGS_PER_PAGE);
  const page = Math.min(pageNo, pages);
  const blocks: Block[] = [];
  const now = ctx.now();
  let rows = 0;
  for (const m of meetings.slice((page - 1) * MEETINGS_PER_PAGE, page * MEETINGS_PER_PAGE)) {
    const role = m.hostId === actor.id ? 'you hosted' : `hosted by ${m.hostName}`;
    const state = m.status === 'active' ? 'running now' : 'ended';
    blocks.push({ type: 'text', text: `**${m.title}** — ${when(m.createdAt)}, ${role}, ${state}` });
    const recs = (await ctx.store.listRecordings(m.id))
      .filter((r) => r.status !== 'deleted' || r.retentionDays !== undefined)
      .reverse();
    if (recs.length === 0) {
      blocks.push({ type: 'context', text: 'No recordings.' });
      continue;
    }
    const items = recs.map((recording) => ({ recording, meeting: m }));
    // Buttons only while Discord's rows last; every recording is still listed with its ID.
    const part = itemBlocks(items, {
      now,
      moderator: (mm) => canModerate(roleOf(actor, mm, ctx)),
      withMeeting: false,
      transcripts: await transcriptsOf(ctx.store, items),
    });
    for (const b of part) {
      if (b.type !== 'buttons') blocks.push(b);
      else if (rows < BUTTON_ROWS) {
        blocks.push(b);
        rows++;
      }
    }
  }
  blocks.push({
    type: 'context',
    text: `Page ${page} of ${pages} · ${meetings.length} meeting${meetings.length === 1 ? '' : 's'}`,
  });
  blocks.push(...pageButtons(MINE, page, pages));
  return { visibility: 'ephemeral', title, blocks };
}
