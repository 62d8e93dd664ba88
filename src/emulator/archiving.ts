import { HttpError } from './http.js';
import { newId } from './ids.js';
import { archiveJson, includedStreams } from './serialize.js';
import { noteSpeakers, parseTranscription, startTranscription } from './transcription.js';
import type { ArchiveRecord, SessionRecord } from './types.js';
import {
  layout,
  objectBody,
  optBool,
  optEnum,
  optInt,
  optObject,
  optString,
  RESOLUTIONS,
} from './validate.js';
import type { World } from './world.js';

// The archive state machine: started <-> paused (nobody publishes), stopped, then available with a
// url, size and duration. Each transition answers REST and sends an archive callback.

/** Parses and checks a start-archive body (400 on the first problem). */
export function parseArchiveOptions(
  raw: unknown,
): Omit<ArchiveRecord, 'id' | 'sessionId' | 'projectId' | 'createdAt' | 'updatedAt'> & { sessionId: string } {
  const body = objectBody(raw);
  const sessionId = body.sessionId;
  if (typeof sessionId !== 'string' || sessionId === '') throw new HttpError(400, 'sessionId is required.');
  const hasAudio = optBool(body, 'hasAudio') ?? true;
  const hasVideo = optBool(body, 'hasVideo') ?? true;
  if (!hasAudio && !hasVideo)
    throw new HttpError(
      400,
      'An archive needs audio, video or both: hasAudio and hasVideo cannot both be false.',
    );
  const outputMode = optEnum(body, 'outputMode', ['composed', 'individual'] as const) ?? 'composed';
  const resolution = optEnum(body, 'resolution', RESOLUTIONS);
  if (resolution && outputMode === 'individual')
    throw new HttpError(400, 'resolution can only be set for composed archives.');
  const layoutBody = optObject(body, 'layout');
  const maxBitrate = optInt(body, 'maxBitrate', 100_000, 6_000_000);
  const quantizationParameter = optInt(body, 'quantizationParameter', 15, 40);
  if (maxBitrate !== undefined && quantizationParameter !== undefined)
    throw new HttpError(400, 'maxBitrate and quantizationParameter cannot both be set.');
  if (outputMode === 'individual' && (maxBitrate !== undefined || quantizationParameter !== undefined))
    throw new HttpError(400, 'maxBitrate and quantizationParameter apply only to composed archives.');
  return {
    sessionId,
    name: optString(body, 'name', 1000) ?? null,
    status: 'started',
    reason: '',
    duration: 0,
    size: 0,
    url: null,
    outputMode,
    hasAudio,
    hasVideo,
    resolution: outputMode === 'composed' ? (resolution ?? '640x480') : null,
    streamMode: optEnum(body, 'streamMode', ['auto', 'manual'] as const) ?? 'auto',
    multiArchiveTag: optString(body, 'multiArchiveTag', 200),
    layout: layoutBody ? layout(layoutBody) : { type: 'bestFit' },
    maxBitrate,
    quantizationParameter,
    ...parseTranscription(body, outputMode, hasAudio),
    manualStreams: new Map(),
  };
}

/** Starts an archive (409 when relayed, or when one is recording with the same multiArchiveTag). */
export function createArchive(
  world: World,
  session: SessionRecord,
  opts: ReturnType<typeof parseArchiveOptions>,
): ArchiveRecord {
  if (session.mediaMode === 'relayed')
    throw new HttpError(409, 'Archiving needs a routed session; this session is relayed.');
  for (const other of session.liveArchives) {
    if ((other.multiArchiveTag ?? '') === (opts.multiArchiveTag ?? ''))
      throw new HttpError(
        409,
        'Recording already in progress for this session (use a different multiArchiveTag).',
      );
  }
  const now = Date.now();
  const archive: ArchiveRecord = {
    ...opts,
    id: newId(),
    sessionId: session.id,
    projectId: session.projectId,
    createdAt: now,
    updatedAt: now,
  };
  world.archives.set(archive.id, archive);
  session.liveArchives.add(archive);
  world.emit(session.id, { ...archiveJson(archive, session), event: 'archive' });
  // Checked after the answer, like the service: "started" first, then "paused" if nobody publishes.
  world.soon(0, () => refreshArchives(world, session));
  return archive;
}

/** Moves the session's live archives between started and paused as publishing starts and stops. */
export function refreshArchives(world: World, session: SessionRecord): void {
  for (const a of session.liveArchives) {
    const included = includedStreams(session, a);
    // Who is being recorded, for the emulated transcript (transcription.ts).
    noteSpeakers(a, included, (id) => session.streams.get(id)?.name ?? '', Date.now());
    const publishing = included.length > 0;
    const next = publishing ? 'started' : 'paused';
    if (next === a.status) continue;
    a.status = next;
    a.updatedAt = Date.now();
    world.emit(session.id, { ...archiveJson(a, session), event: 'archive' });
  }
  armArchiveTimers(world, session);
}

/** Arms the service's auto-stops: 60 s after the last client leaves, 60 min without publishers. */
export function armArchiveTimers(world: World, session: SessionRecord): void {
  for (const a of session.liveArchives) {
    const kind = session.connections.size === 0 ? 'empty' : a.status === 'paused' ? 'paused' : undefined;
    if (kind === a.autoStop?.kind) continue;
    a.autoStop?.cancel();
    a.autoStop = undefined;
    if (!kind) continue;
    const [seconds, reason] =
      kind === 'empty' ? [60, 'all clients disconnected'] : [3600, 'no streams published for 60 minutes'];
    const cancel = world.later(seconds * world.timing.secondMs, () => {
      a.autoStop = undefined;
      if (a.status === 'started' || a.status === 'paused') stopArchiveRecord(world, a, reason);
    });
    a.autoStop = { kind, cancel };
  }
}

/** Stops a live archive (409 otherwise); it becomes available after `timing.archiveAvailableMs`. */
export function stopArchiveRecord(world: World, a: ArchiveRecord, reason = 'user initiated'): void {
  if (a.status !== 'started' && a.status !== 'paused')
    throw new HttpError(409, `The archive is ${a.status}, not recording.`);
  const now = Date.now();
  a.duration = Math.round((now - a.createdAt) / 1000);
  a.status = 'stopped';
  a.reason = reason;
  a.updatedAt = a.stoppedAt = now;
  world.sessions.get(a.sessionId)?.liveArchives.delete(a);
  a.autoStop?.cancel();
  a.autoStop = undefined;
  world.emit(a.sessionId, { ...archiveJson(a, world.sessions.get(a.sessionId)), event: 'archive' });
  scheduleAvailable(world, a);
}

/** A stopped archive becomes available (url, size) after `timing.archiveAvailableMs`. */
export function scheduleAvailable(world: World, a: ArchiveRecord): void {
  world.soon(world.timing.archiveAvailableMs, () => {
    if (a.status !== 'stopped' || !world.archives.has(a.id)) return;
    a.status = 'available';
    a.size = 1000 + a.duration * 125_000;
    a.url = archiveMediaUrl(world, a.id);
    a.updatedAt = Date.now();
    const report = () =>
      world.emit(a.sessionId, { ...archiveJson(a, world.sessions.get(a.sessionId)), event: 'archive' });
    startTranscription(world, a, report);
    report();
  });
}

/** Where an available archive's (placeholder) file is served. */
export function archiveMediaUrl(world: World, archiveId: string): string {
  return `${world.baseUrl()}/_emulator/media/${archiveId}.mp4`;
}

/** Sessions created with archiveMode "always" start recording when the first client connects. */
export function startAlwaysArchive(world: World, session: SessionRecord): void {
  if (session.archiveMode !== 'always' || session.mediaMode !== 'routed') return;
  const opts = parseArchiveOptions({
    sessionId: session.id,
    name: session.archiveName,
    resolution: session.archiveResolution,
  });
  try {
    createArchive(world, session, opts);
  } catch {
    // Already recording: nothing to do.
  }
}
