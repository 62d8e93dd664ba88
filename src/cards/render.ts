import type { Block, View } from '../chat.js';
import type { ConnectionRecord, StreamRecord } from '../store/types.js';
import { controlBlocks } from './actions.js';
import { formatDuration, plain, safeServerUrl } from './format.js';
import type { MeetingSnapshot } from './snapshot.js';

// Meeting -> neutral card view. Pure: the same snapshot and clock give the same view, which is what
// lets the refresher coalesce edits (latest state wins) and the tests compare cards exactly.

/** How many participants a card lists before "and k more". */
export const MAX_LISTED_PARTICIPANTS = 10;

function describe(c: ConnectionRecord, streams: StreamRecord[]): string {
  const mine = streams.filter((s) => s.connectionId === c.connectionId);
  const parts: string[] = [];
  if (mine.some((s) => s.videoType === 'camera' || s.videoType === 'custom')) parts.push('camera');
  if (mine.some((s) => s.videoType === 'screen')) parts.push('screen');
  if (mine.some((s) => s.videoType === null)) parts.push('audio');
  if (mine.length > 0 && mine.every((s) => s.muted)) parts.push('muted');
  const label =
    c.kind === 'sip'
      ? ' (phone)'
      : c.kind === 'render'
        ? ' (composer)'
        : c.kind === 'audio'
          ? ' (audio stream)'
          : '';
  return `**${plain(c.name || 'Guest')}**${label}${parts.length ? ` — ${parts.join(', ')}` : ''}`;
}

function participantsText(s: MeetingSnapshot): string {
  const here = s.connections
    .filter((c) => c.leftAt === null)
    .sort((a, b) => a.joinedAt - b.joinedAt || a.connectionId.localeCompare(b.connectionId));
  const live = s.streams.filter((st) => st.destroyedAt === null);
  // Streams found by reconciliation before their connection is known still count as presence.
  const ids = new Set(here.map((c) => c.connectionId));
  const orphans = live.filter((st) => !ids.has(st.connectionId)).length;
  if (here.length === 0 && orphans === 0) return 'Nobody has joined yet.';
  const lines = here.slice(0, MAX_LISTED_PARTICIPANTS).map((c) => `• ${describe(c, live)}`);
  if (here.length > MAX_LISTED_PARTICIPANTS) lines.push(`and ${here.length - MAX_LISTED_PARTICIPANTS} more`);
  if (orphans > 0)
    lines.push(`• ${orphans} stream${orphans === 1 ? '' : 's'} from someone not yet identified`);
  return lines.join('\n');
}

function mediaBlocks(s: MeetingSnapshot, now: number): Block[] {
  const blocks: Block[] = [];
  const rec = s.recordings.find((r) => r.status === 'started' || r.status === 'paused');
  if (rec) {
    const name = rec.name ? ` \`${plain(rec.name, 60)}\`` : '';
    blocks.push({
      type: 'notice',
      level: 'warning',
      text:
        rec.status === 'paused'
          ? `Recording paused${name} (nobody is publishing)`
          : `Recording${name} — ${formatDuration(now - rec.createdAt)}`,
    });
  }
  const live = s.broadcasts.find((b) => b.status === 'started');
  if (live) {
    const targets = [
      live.hlsUrl ? 'HLS' : null,
      ...live.rtmp.map((r) => `RTMP ${safeServerUrl(r.serverUrl)}${r.status ? ` (${r.status})` : ''}`),
    ].filter(Boolean);
    blocks.push({
      type: 'notice',
      level: 'warning',
      text: `Live — ${formatDuration(now - live.createdAt)}${targets.length ? ` · ${targets.join(', ')}` : ''}`,
    });
    if (live.hlsUrl) blocks.push({ type: 'link', label: 'Watch (HLS)', url: live.hlsUrl });
  }
  const calls = s.sipLegs.filter((l) => l.endedAt === null);
  if (calls.length > 0)
    blocks.push({
      type: 'context',
      text: `Phone: ${calls.map((l) => `\`${plain(l.uri, 60)}\` ${l.state.toLowerCase()}`).join(', ')}`,
    });
  return blocks;
}

/** Renders a meeting card: header fields, participants, recording/live state and fitting controls. */
export function renderCard(s: MeetingSnapshot, now: number): View {
  const m = s.meeting;
  const here = s.connections.filter((c) => c.leftAt === null).length;
  if (m.status === 'ended') {
    const lasted = formatDuration((m.endedAt ?? now) - m.createdAt);
    return {
      visibility: 'channel',
      cardOf: m.id,
      title: `${plain(m.title, 120)} (ended)`,
      blocks: [
        {
          type: 'fields',
          fields: [
            { label: 'Host', value: plain(m.hostName) },
            { label: 'Lasted', value: lasted },
          ],
        },
        { type: 'context', text: 'This meeting has ended.' },
      ],
    };
  }
  return {
    visibility: 'channel',
    cardOf: m.id,
    title: plain(m.title, 120),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: 'Host', value: plain(m.hostName) },
          { label: 'Running', value: formatDuration(now - m.createdAt) },
          { label: 'Participants', value: String(here) },
        ],
      },
      { type: 'text', text: participantsText(s) },
      ...mediaBlocks(s, now),
      ...(m.muteAll
        ? [{ type: 'context', text: 'Everyone is muted on join until a moderator unmutes all.' } as Block]
        : []),
      { type: 'divider' },
      ...controlBlocks(s),
    ],
  };
}
