import type { Block, Button, View } from '../chat.js';
import { formatBytes, formatClock, formatDuration, plain } from '../cards/format.js';
import type { RecapRecording, RecapState } from './state.js';

// Recap -> neutral view, posted as a reply in the card's thread and edited in place as recordings,
// transcripts and summaries become ready. Durations, times and sizes use the card's formatters, so
// a recap and the card it answers always agree. Download links are never in the view: buttons ask
// for a fresh one on each click.

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function attendanceText(st: RecapState): string {
  const a = st.attendance;
  if (a.names.length === 0 && a.phoneLegs === 0) return '**Attended:** nobody joined';
  const shown = a.names.slice(0, 20).map((n) => plain(n, 40));
  if (a.names.length > shown.length) shown.push(`${a.names.length - shown.length} more`);
  const who = shown.length > 0 ? `: ${list(shown)}` : '';
  return (
    `**Attended:** ${plural(a.names.length, 'person', 'people')}${who}` +
    ` · at most ${a.peak} at once · ${plural(a.phoneLegs, 'phone leg')}`
  );
}

function transcriptText(r: RecapRecording): string {
  const t = r.transcript;
  if (!t) return '';
  switch (t.status) {
    case 'available':
      return ` · transcript ready (${t.language})`;
    case 'failed':
      return ' · transcript failed';
    default:
      return ` · transcript${t.hasSummary ? ' and summary' : ''} on the way`;
  }
}

function recordingBlocks(st: RecapState): Block[] {
  if (st.recordings.length === 0) return [{ type: 'text', text: '**Recordings:** none' }];
  const blocks: Block[] = [{ type: 'text', text: `**Recordings:** ${st.recordings.length}` }];
  for (const r of st.recordings) {
    const name = r.name ? plain(r.name, 80) : 'Untitled recording';
    const ready = r.status === 'available';
    const state = ready
      ? `${formatDuration(r.duration * 1000)}, ${formatBytes(r.size)}`
      : r.status === 'started' || r.status === 'paused'
        ? 'still recording'
        : ['expired', 'deleted', 'failed'].includes(r.status)
          ? r.status
          : `${formatDuration(r.duration * 1000)}, being processed`;
    blocks.push({ type: 'text', text: `• **${name}** — ${state}${transcriptText(r)}` });
    const summary = r.transcript?.summary;
    if (summary) blocks.push({ type: 'context', text: `Summary: ${plain(summary, 1500)}` });
    const buttons: Button[] = [];
    if (ready) buttons.push({ action: 'recording.link', label: 'Get link', key: st.meetingId, value: r.id });
    if (r.transcript?.status === 'available')
      buttons.push({ action: 'recording.transcript', label: 'Transcript', key: st.meetingId, value: r.id });
    if (buttons.length > 0) blocks.push({ type: 'buttons', buttons });
  }
  return blocks;
}

function liveText(st: RecapState): string {
  if (st.liveStreams.length === 0) return '**Live streams:** none';
  const each = st.liveStreams.map(
    (l) =>
      `${formatClock(l.startedAt)}${l.targets.length ? ` (${l.targets.map((t) => plain(t, 60)).join(', ')})` : ''}`,
  );
  return `**Live streams:** ${st.liveStreams.length} — ${each.join('; ')}`;
}

function moderationText(st: RecapState): string {
  const m = st.moderation;
  if (m.mutes + m.removals === 0) return '**Moderation:** none';
  const by = m.by.map((n) => plain(n, 40));
  return `**Moderation:** ${plural(m.mutes, 'mute')}, ${plural(m.removals, 'removal')} — by ${list(by)}`;
}

function captionsText(st: RecapState): string {
  const c = st.captions;
  if (c.runs === 0) return '**Captions:** not used';
  return `**Captions:** used (${c.languages.map((l) => plain(l, 20)).join(', ')}) for ${formatDuration(c.seconds * 1000)}`;
}

/** Renders a meeting's recap as a neutral view. Pure: the same recap gives the same view. */
export function renderRecap(st: RecapState): View {
  const ended = st.endedAt ?? st.startedAt;
  const pending = st.recordings.some(
    (r) =>
      !['available', 'expired', 'deleted', 'failed'].includes(r.status) ||
      (r.transcript !== null && !['available', 'failed'].includes(r.transcript.status)),
  );
  return {
    visibility: 'channel',
    title: `Recap: ${plain(st.title, 120)}`,
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: 'Host', value: plain(st.hostName) },
          { label: 'Started', value: formatClock(st.startedAt) },
          { label: 'Ended', value: formatClock(ended) },
          { label: 'Duration', value: formatDuration(ended - st.startedAt) },
        ],
      },
      { type: 'text', text: attendanceText(st) },
      ...recordingBlocks(st),
      { type: 'text', text: liveText(st) },
      { type: 'text', text: moderationText(st) },
      { type: 'text', text: captionsText(st) },
      {
        type: 'context',
        text: pending
          ? 'This recap is updated as recordings and transcripts become ready. Links are made fresh on each click.'
          : 'Links are made fresh on each click and expire after a few minutes.',
      },
    ],
  };
}
