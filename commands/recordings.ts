import { z } from 'zod';
import type { Block, Button } from '../src/chat.js';
import { meetingOf } from './meeting.js';
import type { Command } from './types.js';
import { formatDuration, formatSize } from './views.js';

const schema = z.object({
  count: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be between 1 and 50' })
    .max(50, { error: 'must be between 1 and 50' })
    .optional()
    .default(10),
});
const DOWNLOADABLE = new Set(['available', 'uploaded']);
const RUNNING = new Set(['started', 'paused']);

/** `recordings [--count N]`: the meeting's recordings, newest first, with download buttons. */
export const recordings: Command<typeof schema> = {
  name: 'recordings',
  summary: "List the meeting's recordings",
  usage: '/video recordings [--count N]',
  options: [{ name: 'count', type: 'integer', description: 'How many to list (1-50, default 10)' }],
  schema,
  role: 'anyone',
  needsMeeting: true,
  allowEnded: true,
  async run(args, _inv, ctx) {
    const meeting = meetingOf(ctx);
    const page = await ctx.video.listArchives({ sessionId: meeting.sessionId, count: args.count });
    const items = [...page.items].sort((a, b) => b.createdAt - a.createdAt);
    if (items.length === 0) {
      return {
        visibility: 'ephemeral',
        title: `Recordings of ${meeting.title}`,
        blocks: [{ type: 'text', text: 'No recordings yet; `/video record start` makes one.' }],
      };
    }
    const now = ctx.now();
    // The API reports duration and size only once a recording stops: until then, say how long it
    // has been running (as the card does) rather than "0s, 0 B".
    const lines = items.map((a) => {
      const facts = RUNNING.has(a.status)
        ? `${a.status === 'paused' ? 'paused' : 'recording'}, ${formatDuration((now - a.createdAt) / 1000)} so far`
        : `${a.status}, ${formatDuration(a.duration)}, ${formatSize(a.size)}`;
      return `• **${a.name || 'Untitled'}** — ${facts} · \`${a.id}\``;
    });
    const buttons: Button[] = items
      .filter((a) => DOWNLOADABLE.has(a.status))
      .slice(0, 5)
      .map((a) => ({
        action: 'recording.link',
        label: `Download ${(a.name || 'Untitled').slice(0, 40)}`,
        key: meeting.id,
        value: a.id,
      }));
    const blocks: Block[] = [{ type: 'text', text: lines.join('\n') }];
    if (buttons.length > 0) blocks.push({ type: 'buttons', buttons });
    if (page.count > items.length)
      blocks.push({
        type: 'context',
        text: `Showing ${items.length} of ${page.count}; use \`--count\` for more.`,
      });
    return { visibility: 'ephemeral', title: `Recordings of ${meeting.title}`, blocks };
  },
};
