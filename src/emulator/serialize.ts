import { transcriptionJson } from './transcription.js';
import type {
  ArchiveRecord,
  BroadcastRecord,
  ConnectionRecord,
  RenderRecord,
  SessionRecord,
  StreamRecord,
} from './types.js';

// The JSON shapes the service answers with (REST replies and callback payloads share them).

/** The streams an archive or broadcast currently includes. */
export function includedStreams(
  session: SessionRecord | undefined,
  rec: {
    streamMode: 'auto' | 'manual';
    manualStreams: Map<string, { hasAudio: boolean; hasVideo: boolean }>;
  },
): Array<{ streamId: string; hasAudio: boolean; hasVideo: boolean }> {
  if (!session) return [];
  if (rec.streamMode === 'auto') {
    return [...session.streams.values()].map((s) => ({
      streamId: s.id,
      hasAudio: s.hasAudio,
      hasVideo: s.hasVideo,
    }));
  }
  const out: Array<{ streamId: string; hasAudio: boolean; hasVideo: boolean }> = [];
  for (const [streamId, flags] of rec.manualStreams)
    if (session.streams.has(streamId)) out.push({ streamId, ...flags });
  return out;
}

/** An archive as REST and the archive callback report it. */
export function archiveJson(a: ArchiveRecord, session: SessionRecord | undefined): Record<string, unknown> {
  const live = a.status === 'started' || a.status === 'paused';
  const duration = live ? Math.round((Date.now() - a.createdAt) / 1000) : a.duration;
  return {
    id: a.id,
    sessionId: a.sessionId,
    projectId: a.projectId,
    partnerId: a.projectId,
    name: a.name,
    status: a.status,
    reason: a.reason,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    duration: a.status === 'started' ? 0 : duration,
    size: a.size,
    url: a.url,
    outputMode: a.outputMode,
    hasAudio: a.hasAudio,
    hasVideo: a.hasVideo,
    ...(a.outputMode === 'composed' ? { resolution: a.resolution } : {}),
    streamMode: a.streamMode,
    sha256sum: a.status === 'available' ? `emulated-${a.id}` : null,
    password: '',
    ...(a.maxBitrate !== undefined ? { maxBitrate: a.maxBitrate } : {}),
    ...(a.quantizationParameter !== undefined ? { quantizationParameter: a.quantizationParameter } : {}),
    ...transcriptionJson(a),
    ...(a.status === 'started' ? { streams: includedStreams(session, a) } : { streams: [] }),
  };
}

/** A broadcast as REST and the broadcast callback report it. */
export function broadcastJson(
  b: BroadcastRecord,
  session: SessionRecord | undefined,
  applicationId?: string,
): Record<string, unknown> {
  return {
    id: b.id,
    sessionId: b.sessionId,
    projectId: b.projectId,
    ...(applicationId ? { applicationId } : {}),
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    resolution: b.resolution,
    status: b.status,
    maxDuration: b.maxDuration,
    ...(b.maxBitrate !== undefined ? { maxBitrate: b.maxBitrate } : {}),
    streamMode: b.streamMode,
    hasAudio: b.hasAudio,
    hasVideo: b.hasVideo,
    broadcastUrls: {
      ...(b.hls ? { hls: b.hls.url, hlsStatus: b.hls.status } : {}),
      rtmp: b.rtmp.map((r) => ({ ...r })),
    },
    ...(b.hls ? { settings: { hls: { dvr: b.hls.dvr, lowLatency: b.hls.lowLatency } } } : {}),
    streams: b.status === 'started' && b.streamMode === 'manual' ? includedStreams(session, b) : [],
  };
}

/** A render (Experience Composer) as REST and the render callback report it. */
export function renderJson(r: RenderRecord, applicationId?: string): Record<string, unknown> {
  return {
    id: r.id,
    sessionId: r.sessionId,
    projectId: r.projectId,
    ...(applicationId ? { applicationId } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    url: r.url,
    resolution: r.resolution,
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.streamId ? { streamId: r.streamId } : {}),
    ...(r.callbackUrl ? { callbackUrl: r.callbackUrl } : {}),
  };
}

/** A stream as GET .../stream answers. */
export function streamJson(s: StreamRecord): Record<string, unknown> {
  return { id: s.id, videoType: s.videoType, name: s.name, layoutClassList: [...s.layoutClassList] };
}

/** A connection inside a session-monitoring callback. */
export function connectionEventJson(c: ConnectionRecord): Record<string, unknown> {
  return { id: c.id, createdAt: c.createdAt, data: c.data };
}

/** A stream inside a session-monitoring callback (videoType absent for audio-only streams). */
export function streamEventJson(s: StreamRecord, c: ConnectionRecord): Record<string, unknown> {
  return {
    id: s.id,
    connection: connectionEventJson(c),
    createdAt: s.createdAt,
    name: s.name,
    ...(s.hasVideo && s.videoType ? { videoType: s.videoType } : {}),
  };
}
