import { HttpError } from './http.js';
import type { ArchiveRecord } from './types.js';
import { optBool, optObject, optString } from './validate.js';
import type { World } from './world.js';

// Post-call transcription of individual archives: requested with the archive, `started` once the
// archive is available, then `available` with a download URL one more `archiveAvailableMs` later;
// each step is reported by the archive (REST and an archive status callback). The emulator hears no
// audio, so the transcript file is a placeholder with one entry per recorded stream.

/** The transcription part of an archive record. */
export interface TranscriptionRecord {
  status: 'requested' | 'started' | 'available' | 'failed';
  primaryLanguageCode: string;
  hasSummary: boolean;
  url: string | null;
  reason: string;
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
  return { transcription: { status: 'requested', primaryLanguageCode, hasSummary, url: null, reason: '' } };
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

/** The placeholder transcript of an archive whose transcription is available. */
export function transcriptFile(a: ArchiveRecord): Record<string, unknown> {
  const t = a.transcription;
  return {
    archiveId: a.id,
    sessionId: a.sessionId,
    primaryLanguageCode: t?.primaryLanguageCode,
    ...(t?.hasSummary ? { summary: 'Emulated summary: the emulator does not process audio.' } : {}),
    transcript: [{ text: '(emulated transcript: the emulator does not process audio)', start: 0 }],
  };
}
