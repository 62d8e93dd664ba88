import { HttpError } from './http.js';
import type { ArchiveRecord, SignalRecord } from './types.js';
import { optBool, optObject, optString } from './validate.js';
import type { World } from './world.js';

// Post-call transcription of individual archives: requested with the archive, `started` once the
// archive is available, then `available` with a download URL one more `archiveAvailableMs` later;
// each step is reported by the archive (REST and an archive status callback). The emulator hears no
// audio, so the transcript is made, deterministically, from what it does know and is marked as
// emulated: who was recorded from when (each stream with audio, by name), and the signals sent
// while recording.

/** The transcription part of an archive record. */
export interface TranscriptionRecord {
  status: 'requested' | 'started' | 'available' | 'failed';
  primaryLanguageCode: string;
  hasSummary: boolean;
  url: string | null;
  reason: string;
  /** Streams with audio the archive recorded, by name, and when each first appeared (seconds in). */
  speakers?: Array<{ streamId: string; name: string; at: number }>;
}

/** Parses `hasTranscription` and `transcriptionProperties` of a start-archive body (400 on misuse). */
export function parseTranscription(
  body: Record<string, unknown>,
  outputMode: string,
  hasAudio: boolean,
): { transcription?: TranscriptionRecord } {
  const requested = optBool(body, 'hasTranscription') ?? false;
  const props = optObject(body, 'transcriptionProperties');
  if (!requested) {
    if (props) throw new HttpError(400, 'transcriptionProperties needs hasTranscription true.');
    return {};
  }
  if (outputMode !== 'individual')
    throw new HttpError(400, 'Transcription is available for individual archives only.');
  if (!hasAudio) throw new HttpError(400, 'Transcription needs an archive with audio.');
  const primaryLanguageCode = (props && optString(props, 'primaryLanguageCode', 20)) ?? 'en-US';
  if (!/^[a-z]{2,3}-[A-Z]{2}$/.test(primaryLanguageCode))
    throw new HttpError(400, 'transcriptionProperties.primaryLanguageCode must be a code such as en-US.');
  const hasSummary = (props && optBool(props, 'hasSummary')) ?? false;
  return {
    transcription: {
      status: 'requested',
      primaryLanguageCode,
      hasSummary,
      url: null,
      reason: '',
      speakers: [],
    },
  };
}

/** The `hasTranscription` and `transcription` fields of an archive's JSON (none when not requested). */
export function transcriptionJson(a: ArchiveRecord): Record<string, unknown> {
  const t = a.transcription;
  if (!t) return {};
  return {
    hasTranscription: true,
    transcription: {
      status: t.status,
      reason: t.reason,
      url: t.url,
      primaryLanguageCode: t.primaryLanguageCode,
      hasSummary: t.hasSummary,
    },
  };
}

/** Called when the archive becomes available: transcribes, then reports the transcription ready. */
export function startTranscription(world: World, a: ArchiveRecord, report: () => void): void {
  const t = a.transcription;
  if (!t || t.status !== 'requested') return;
  t.status = 'started';
  world.soon(world.timing.archiveAvailableMs, () => {
    if (!world.archives.has(a.id) || t.status !== 'started') return;
    t.status = 'available';
    t.url = `${world.baseUrl()}/_emulator/transcripts/${a.id}.json`;
    a.updatedAt = Date.now();
    report();
  });
}

/** Notes the streams an archive with transcription records now (called as publishing changes). */
export function noteSpeakers(
  a: ArchiveRecord,
  streams: ReadonlyArray<{ streamId: string; hasAudio: boolean }>,
  nameOf: (streamId: string) => string,
  now: number,
): void {
  const t = a.transcription;
  if (!t || (a.status !== 'started' && a.status !== 'paused')) return;
  t.speakers ??= [];
  for (const s of streams) {
    if (!s.hasAudio || t.speakers.some((x) => x.streamId === s.streamId)) continue;
    t.speakers.push({
      streamId: s.streamId,
      name: nameOf(s.streamId) || 'Guest',
      at: Math.max(0, Math.round((now - a.createdAt) / 1000)),
    });
  }
}

/** The emulated transcript of an archive whose transcription is available (same input, same file). */
export function transcriptFile(a: ArchiveRecord, signals: readonly SignalRecord[]): Record<string, unknown> {
  const t = a.transcription;
  const end = a.stoppedAt ?? a.updatedAt;
  const speakers = t?.speakers ?? [];
  const sent = signals.filter((s) => s.sessionId === a.sessionId && s.at >= a.createdAt && s.at <= end);
  const entries = [
    ...speakers.map((s) => ({
      start: s.at,
      speaker: s.name,
      text: `(emulated: ${s.name} is recorded from here; the emulator hears no audio)`,
    })),
    ...sent.map((s) => ({
      start: Math.max(0, Math.round((s.at - a.createdAt) / 1000)),
      speaker: null,
      text: `(emulated: signal "${s.type}" sent: ${s.data.slice(0, 200)})`,
    })),
  ].sort((x, y) => x.start - y.start);
  const names = [...new Set(speakers.map((s) => s.name))];
  const who = names.length > 0 ? names.join(', ') : 'nobody with audio';
  const summary =
    `Emulated summary: ${who} recorded over ${a.duration} s; ` +
    `${sent.length} signal${sent.length === 1 ? '' : 's'} sent. The emulator does not process audio.`;
  return {
    archiveId: a.id,
    sessionId: a.sessionId,
    primaryLanguageCode: t?.primaryLanguageCode,
    emulated: true,
    ...(t?.hasSummary ? { summary } : {}),
    transcript: entries,
  };
}
