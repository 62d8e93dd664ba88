import { z } from 'zod';
import type { ConnectionRecord, StreamRecord } from '../src/store/types.js';
import { meetingOf } from './meeting.js';
import type { Command } from './types.js';
import { formatDuration } from './views.js';

const schema = z.object({});
const KIND_LABEL: Record<ConnectionRecord['kind'], string> = {
  user: '',
  sip: ' (phone)',
  audio: ' (audio stream)',
  render: ' (composer)',
  unknown: '',
};

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
    const [connections, streams] = await Promise.all([
      ctx.store.listConnections(meeting.id),
      ctx.store.listStreams(meeting.id),
    ]);
    const here = connections.filter((c) => c.leftAt === null).sort((a, b) => a.joinedAt - b.joinedAt);
    if (here.length === 0) {
      return {
        visibility: 'ephemeral',
        title: `Participants of ${meeting.title}`,
        blocks: [{ type: 'text', text: 'Nobody has joined yet; `/video join` gives you a link.' }],
      };
    }
    const live = streams.filter((s) => s.destroyedAt === null);
    const now = ctx.now();
    const lines = here.slice(0, 50).map((c) => line(c, live, now));
    if (here.length > 50) lines.push(`and ${here.length - 50} more`);
    return {
      visibility: 'ephemeral',
      title: `Participants of ${meeting.title} (${here.length})`,
      blocks: [
        { type: 'text', text: lines.join('\n') },
        {
          type: 'context',
          text: 'Use a name, a mention or a connection ID wherever a command takes `<who>`.',
        },
      ],
    };
  },
};

function line(c: ConnectionRecord, streams: StreamRecord[], now: number): string {
  const mine = streams.filter((s) => s.connectionId === c.connectionId);
  const media = mine.map((s) => `${s.videoType ?? 'audio'}${s.muted ? ' (muted)' : ''}`);
  const what = media.length > 0 ? media.join(', ') : 'not publishing';
  return `• **${c.name || 'Guest'}**${KIND_LABEL[c.kind]} — ${what}, ${formatDuration((now - c.joinedAt) / 1000)} · \`${c.connectionId}\``;
}
