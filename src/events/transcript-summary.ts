import type { CardService } from '../cards/types.js';
import type { Logger } from '../log.js';
import type { MeetingRecord, Store } from '../store/types.js';
import type { ArchiveEvent } from './schemas.js';

// Once a transcription with a summary is available, its file is read once and the summary text is
// kept in the store (the recap shows it; the file's URL itself is never stored or posted: a fresh
// one is asked for when someone clicks "Transcript").

/** Longest summary kept (the recap shows it in one block). */
export const MAX_SUMMARY_CHARS = 3000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** What reading a summary needs. */
export interface SummaryDeps {
  store: Store;
  cards: CardService;
  log: Logger;
  /** Longest the download may take (default 10 s). */
  timeoutMs?: number;
}

/** The summary text of a transcript file's JSON (`summary` as text or `{text}`), or null. */
export function summaryOf(file: unknown): string | null {
  if (!file || typeof file !== 'object') return null;
  const s = (file as Record<string, unknown>).summary;
  const text =
    typeof s === 'string'
      ? s
      : s && typeof s === 'object' && typeof (s as Record<string, unknown>).text === 'string'
        ? ((s as Record<string, unknown>).text as string)
        : null;
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, MAX_SUMMARY_CHARS) : null;
}

async function download(url: string, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!res.ok) throw new Error(`the transcript download answered ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_FILE_BYTES) throw new Error('the transcript file is too large to read');
  const text = await res.text();
  if (text.length > MAX_FILE_BYTES) throw new Error('the transcript file is too large to read');
  return JSON.parse(text) as unknown;
}

/** Reads and stores the summary of an archive whose transcription just became available (once). */
export async function storeSummary(
  deps: SummaryDeps,
  meeting: MeetingRecord,
  a: ArchiveEvent,
): Promise<void> {
  const t = a.transcription;
  if (!t || t.status !== 'available' || !t.url) return;
  const known = await deps.store.getTranscript(a.id);
  if (!known || !known.hasSummary || known.summary !== null) return;
  try {
    const summary = summaryOf(await download(t.url, deps.timeoutMs ?? 10_000));
    if (!summary) return;
    await deps.store.commit([
      { kind: 'transcriptSummary', recordingId: a.id, summary },
      { kind: 'touchMeeting', id: meeting.id },
    ]);
    deps.cards.wake(meeting.id);
  } catch (err) {
    // The URL is pre-signed: it is not logged, only what went wrong.
    deps.log.warn('could not read the summary of a transcription', {
      meetingId: meeting.id,
      recordingId: a.id,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
