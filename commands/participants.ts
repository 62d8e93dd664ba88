import { z } from 'zod';
import { formatDuration } from '../src/cards/format.js';
import { mediaText } from '../src/cards/people.js';
import { meetingState, type PersonState } from '../src/cards/state.js';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import type { Command } from './types.js';

const schema = z.object({});

/** `participants`: who is connected, what they publish, and the IDs `<who>` accepts. */
export const participants: Command<typeof schema> = {
  name: 'participants',
  summary: 'List who is in the meeting, with their connection IDs',
  usage: '/video participants',
  options: [],
  schema,
  role: 'anyone',
  needsMeeting: true,
  async run(_args, _inv, ctx) {
    const meeting = meetingOf(ctx);
    // The same state the card shows (src/cards/state.ts), so the two never disagree.
    const snap = await ctx.store.getMeetingSnapshot(meeting.id);
    if (!snap) throw new CommandError('That meeting no longer exists.');
    const st = meetingState(snap);
    if (st.people.length === 0) {
      const why = st.everJoined ? 'Everyone has left' : 'Nobody has joined yet';
      return {
        visibility: 'ephemeral',
        title: `Participants of ${meeting.title}`,
        blocks: [{ type: 'text', text: `${why}; \`/video join\` gives you a link.` }],
      };
    }
    const now = ctx.now();
    const lines = st.people.slice(0, 50).map((p) => line(p, now));
    if (st.people.length > 50) lines.push(`and ${st.people.length - 50} more`);
    return {
      visibility: 'ephemeral',
      title: `Participants of ${meeting.title} (${st.people.length})`,
      blocks: [
        { type: 'text', text: lines.join('\n') },
        {
          type: 'context',
          text: 'Use a name (as shown, with its `#n`), a mention or a connection ID wherever a command takes `<who>`.',
        },
      ],
    };
  },
};

function line(p: PersonState, now: number): string {
  const what = mediaText(p.media) || 'not publishing';
  const kind = p.kind === 'sip' ? ' (phone)' : '';
  return `• **${p.label}**${kind} — ${what}, ${formatDuration(now - p.joinedAt)} · \`${p.connectionId}\``;
}
