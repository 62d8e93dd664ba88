import type { Block, Button } from '../src/chat.js';
import type {
  LibraryItem,
  MeetingRecord,
  RecordingRecord,
  Store,
  TranscriptRecord,
} from '../src/store/types.js';
import { goneReason } from './recording-access.js';
import { formatDuration, formatSize } from './views.js';

// How the recordings library looks wherever it is shown (`/video recordings`, Slack App Home,
// Discord's ephemeral list, the console): each recording with its meeting, its state and its
// buttons, then Previous/Next. Buttons carry IDs only; links are minted when clicked.

/** Recording states whose archive can be downloaded. */
export const DOWNLOADABLE = new Set(['available', 'uploaded']);
const RUNNING = new Set(['started', 'paused']);
/** Discord allows 5 rows of buttons: one per recording plus one for paging. */
export const BUTTON_ROWS = 4;

/** `2026-12-05 14:30 UTC`: when a meeting started (every platform shows the same text). */
export function when(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The transcriptions of the recordings of `items`, by recording ID (one read per meeting). */
export async function transcriptsOf(
  store: Pick<Store, 'listTranscripts'>,
  items: readonly LibraryItem[],
): Promise<Map<string, TranscriptRecord>> {
  const meetings = [...new Set(items.map((i) => i.meeting.id))];
  const lists = await Promise.all(meetings.map((id) => store.listTranscripts(id)));
  return new Map(lists.flat().map((t) => [t.recordingId, t]));
}

/** What a line says about a recording's transcript (nothing when none was asked for). */
function transcriptNote(t: TranscriptRecord | undefined): string {
  if (!t) return '';
  if (t.status === 'available') return ', transcript ready';
  if (t.status === 'failed') return ', transcript failed';
  return ', transcript not ready';
}

/** One line about a recording: name, state, size, transcript, ID. */
export function recordingLine(
  r: RecordingRecord,
  now: number,
  meeting?: MeetingRecord,
  transcript?: TranscriptRecord,
): string {
  const gone = goneReason(r);
  const facts = gone
    ? r.retentionDays !== undefined
      ? `deleted after ${r.retentionDays} days`
      : r.status
    : RUNNING.has(r.status)
      ? `${r.status === 'paused' ? 'paused' : 'recording'}, ${formatDuration(Math.max(0, now - r.createdAt) / 1000)} so far`
      : `${r.status}, ${formatDuration(r.duration)}, ${formatSize(r.size)}`;
  const of = meeting ? ` — ${meeting.title}, ${when(r.createdAt)}` : '';
  const note = gone ? '' : transcriptNote(transcript);
  return `• **${r.name || 'Untitled'}**${of} — ${facts}${note} · \`${r.id}\``;
}

/**
 * The buttons of one recording: Get link when it can be downloaded, Transcript when it was
 * transcribed (saying "not ready" until it is), Delete for moderators.
 */
export function recordingButtons(
  item: LibraryItem,
  moderator: boolean,
  transcript?: TranscriptRecord,
): Button[] {
  const { recording: r, meeting } = item;
  if (goneReason(r)) return [];
  const name = (r.name || 'Untitled').slice(0, 30);
  const out: Button[] = [];
  if (DOWNLOADABLE.has(r.status)) {
    out.push({ action: 'recording.link', label: `Get link: ${name}`, key: meeting.id, value: r.id });
  }
  if (transcript && transcript.status !== 'failed')
    out.push({
      action: 'recording.transcript',
      label: transcript.status === 'available' ? 'Transcript' : 'Transcript (not ready)',
      key: meeting.id,
      value: r.id,
    });
  if (moderator && !RUNNING.has(r.status))
    out.push({
      action: 'recordings.delete',
      label: 'Delete',
      key: meeting.id,
      value: r.id,
      style: 'danger',
      confirm: {
        title: 'Delete this recording?',
        text: `${r.name || 'Untitled'} will be deleted for good.`,
        confirm: 'Delete',
        deny: 'Keep it',
      },
    });
  return out;
}

/** Previous/Next buttons: `scope` is the key the list is for (`all`, `mine` or a meeting key). */
export function pageButtons(scope: string, page: number, pages: number): Block[] {
  const buttons: Button[] = [];
  if (page > 1)
    buttons.push({ action: 'recordings', label: 'Previous', key: scope, value: String(page - 1) });
  if (page < pages)
    buttons.push({ action: 'recordings', label: 'Next', key: scope, value: String(page + 1) });
  return buttons.length > 0 ? [{ type: 'buttons', buttons }] : [];
}

/** Recordings as blocks: a line each, with its buttons under it while rows are left. */
export function itemBlocks(
  items: readonly LibraryItem[],
  opts: {
    now: number;
    moderator: (m: MeetingRecord) => boolean;
    withMeeting: boolean;
    transcripts: ReadonlyMap<string, TranscriptRecord>;
  },
): Block[] {
  const blocks: Block[] = [];
  let rows = 0;
  for (const item of items) {
    const transcript = opts.transcripts.get(item.recording.id);
    blocks.push({
      type: 'text',
      text: recordingLine(item.recording, opts.now, opts.withMeeting ? item.meeting : undefined, transcript),
    });
    const buttons = recordingButtons(item, opts.moderator(item.meeting), transcript);
    if (buttons.length > 0 && rows < BUTTON_ROWS) {
      blocks.push({ type: 'buttons', buttons });
      rows++;
    }
  }
  return blocks;
}
