import { z } from 'zod';
import type { Block } from '../src/chat.js';
import { repeatsText } from '../src/planned/card.js';
import { currentOccurrence } from '../src/planned/occurrence.js';
import type { Command } from './types.js';
import { notice } from './views.js';

const schema = z.object({});

/** `schedule list`: the planned meetings of this channel with their next time, for the person asking. */
export const scheduleList: Command<typeof schema> = {
  name: 'schedule list',
  summary: "List this channel's planned meetings",
  usage: '/video schedule list',
  options: [],
  schema,
  role: 'anyone',
  needsMeeting: false,
  async run(_args, inv, ctx) {
    const now = ctx.now();
    const { platform, teamId, channelId } = inv.place;
    const planned = (await ctx.store.listChannelSchedules(platform, teamId, channelId, now))
      .map((s) => ({ s, o: currentOccurrence(s, now) }))
      .filter((x) => x.o !== undefined)
      .sort((a, b) => a.o!.startMs - b.o!.startMs);
    if (planned.length === 0)
      return notice(
        'info',
        'Nothing is planned in this channel; plan a meeting with `/video schedule "Title" tomorrow 10:00`.',
      );
    const blocks: Block[] = planned.slice(0, 20).map(({ s, o }) => ({
      type: 'time',
      label: `${s.title} · ${s.id} · ${repeatsText(s)}`,
      startMs: o!.startMs,
      endMs: o!.endMs,
      zone: s.zone,
    }));
    if (planned.length > 20) blocks.push({ type: 'context', text: `${planned.length - 20} more not shown.` });
    blocks.push({
      type: 'context',
      text: 'Cancel one with `/video schedule cancel <id>` (`--series` for a whole series).',
    });
    return { visibility: 'ephemeral', title: 'Planned meetings', blocks };
  },
};
