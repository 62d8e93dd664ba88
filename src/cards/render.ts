import type { Block, View } from '../chat.js';
import { controlBlocks } from './actions.js';
import { formatClock, formatDuration, plain, safeServerUrl } from './format.js';
import { personLine } from './people.js';
import type { MeetingSnapshot } from '../store/types.js';
import { meetingState, type MeetingState } from './state.js';

// Meeting -> neutral card view. Pure: the same snapshot and clock give the same view, which is what
// lets the refresher coalesce edits (latest state wins) and the tests compare cards exactly. What
// the card says is decided by meetingState (src/cards/state.ts); this file only lays it out.

/** How many participants a card lists before "and k more". */
export const MAX_LISTED_PARTICIPANTS = 10;

function participantsText(st: MeetingState): string {
  const lines = st.people.slice(0, MAX_LISTED_PARTICIPANTS).map((p) => `• ${personLine(p)}`);
  if (st.people.length > MAX_LISTED_PARTICIPANTS)
    lines.push(`and ${st.people.length - MAX_LISTED_PARTICIPANTS} more`);
  const orphans = st.unidentifiedStreams;
  if (orphans > 0)
    lines.push(`• ${orphans} stream${orphans === 1 ? '' : 's'} from someone not yet identified`);
  if (lines.length > 0) return lines.join('\n');
  return st.everJoined ? 'Everyone has left.' : 'Nobody has joined yet.';
}

function mediaBlocks(st: MeetingState, now: number): Block[] {
  const blocks: Block[] = [];
  const rec = st.recording;
  if (rec) {
    const name = rec.name ? ` \`${plain(rec.name, 60)}\`` : '';
    blocks.push({
      type: 'notice',
      level: 'warning',
      text: rec.paused
        ? `Recording paused${name} (nobody is publishing)`
        : `Recording${name} — ${formatDuration(now - rec.startedAt)}`,
    });
  }
  const live = st.live;
  if (live) {
    const targets = [
      live.hls ? 'HLS' : null,
      ...live.rtmp.map((r) => `RTMP ${safeServerUrl(r.serverUrl)}${r.status ? ` (${r.status})` : ''}`),
    ].filter(Boolean);
    blocks.push({
      type: 'notice',
      level: 'warning',
      text: `Live — ${formatDuration(now - live.startedAt)}${targets.length ? ` · ${targets.join(', ')}` : ''}`,
    });
    if (live.hls) blocks.push({ type: 'link', label: 'Watch (HLS)', url: live.hls });
  }
  if (st.captions) blocks.push({ type: 'context', text: `Captions on (${plain(st.captions.language, 20)})` });
  if (st.calls.length > 0)
    blocks.push({
      type: 'context',
      text: `Phone: ${st.calls.map((c) => `\`${plain(c.label, 60)}\` ${c.state}`).join(', ')}`,
    });
  const machines = [
    ...st.composers.map((c) => `composer ${c.status === 'started' ? 'running' : 'starting'}`),
    ...st.audioStreams.map((a) => `audio stream to \`${safeServerUrl(a.uri)}\``),
  ];
  if (machines.length > 0) blocks.push({ type: 'context', text: `Also connected: ${machines.join(', ')}` });
  return blocks;
}

/** What the card says while the Video API cannot confirm what it shows. */
function unconfirmedBlocks(st: MeetingState): Block[] {
  const u = st.unconfirmed;
  if (!u) return [];
  const last =
    u.lastConfirmedAt === null ? 'never confirmed' : `last confirmed at ${formatClock(u.lastConfirmedAt)}`;
  return [
    {
      type: 'notice',
      level: 'warning',
      text: `The video service has not confirmed this meeting since ${formatClock(u.since)} (${last}): this card may be out of date.`,
    },
  ];
}

/** Renders a meeting card: header fields, participants, recording/live state and fitting controls. */
export function renderCard(s: MeetingSnapshot, now: number): View {
  const st = meetingState(s);
  const m = st.meeting;
  if (st.ended) {
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
        {
          type: 'context',
          text: st.forgotten
            ? 'This meeting has ended: the video service no longer knows this meeting.'
            : 'This meeting has ended.',
        },
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
          { label: 'Participants', value: String(st.people.length) },
        ],
      },
      { type: 'text', text: participantsText(st) },
      ...mediaBlocks(st, now),
      ...unconfirmedBlocks(st),
      ...(st.relayed
        ? [
            {
              type: 'context',
              text: 'Relayed meeting (peer to peer): it cannot be recorded, streamed live or dialled into.',
            } as Block,
          ]
        : []),
      ...(m.muteAll
        ? [{ type: 'context', text: 'Everyone is muted on join until a moderator unmutes all.' } as Block]
        : []),
      { type: 'divider' },
      ...controlBlocks(st),
    ],
  };
}
