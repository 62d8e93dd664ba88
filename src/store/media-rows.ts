// Record <-> row mapping for media resources (recordings, broadcasts, renders, SIP legs, audio
// streams), shared by both backends. Every one of these is a seq-guarded upsert keyed by `id`.

import type {
  AudioStreamRecord,
  BroadcastRecord,
  RecordingRecord,
  RenderRecord,
  SipLegRecord,
} from './types.js';
import { jsonIn, jsonOut, num, numOrNull, str, strOrNull, type Row, type TableSpec } from './columns.js';

/** Recordings; `announced_at` is only set by claimRecordingAnnouncement, `started_by` only once. */
export const RECORDINGS: TableSpec = {
  name: 'recordings',
  columns: [
    'id',
    'meeting_id',
    'name',
    'status',
    'output_mode',
    'created_at',
    'duration',
    'size',
    'started_by',
    'announced_at',
    'seq',
  ],
  keys: ['id'],
  keepExisting: ['started_by', 'announced_at'],
};

/** Broadcasts; RTMP targets (never stream keys) as JSON, `started_by` kept once set. */
export const BROADCASTS: TableSpec = {
  name: 'broadcasts',
  columns: ['id', 'meeting_id', 'status', 'hls_url', 'rtmp', 'created_at', 'started_by', 'seq'],
  keys: ['id'],
  keepExisting: ['started_by'],
};

/** Experience Composer renders. */
export const RENDERS: TableSpec = {
  name: 'renders',
  columns: ['id', 'meeting_id', 'status', 'url', 'stream_id', 'created_at', 'seq'],
  keys: ['id'],
};

/** SIP legs (dial-outs); the URI loses any password before it is stored. */
export const SIP_LEGS: TableSpec = {
  name: 'sip_legs',
  columns: [
    'id',
    'meeting_id',
    'connection_id',
    'stream_id',
    'uri',
    'state',
    'created_at',
    'ended_at',
    'seq',
  ],
  keys: ['id'],
};

/** Audio Connector connections. */
export const AUDIO_STREAMS: TableSpec = {
  name: 'audio_streams',
  columns: ['id', 'meeting_id', 'connection_id', 'uri', 'status', 'created_at', 'seq'],
  keys: ['id'],
};

/**
 * Drops credentials from a SIP or WebSocket URI (`sip:user:secret@host`, `wss://user:secret@host`),
 * so a password typed into `dial` can never be read back from the store.
 */
export function redactUri(uri: string): string {
  return uri
    .replace(/^(sips?:)([^:@;/]*):[^@]*@/i, '$1$2@')
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, '$1');
}

/** Recording record to row. */
export function recordingToRow(r: RecordingRecord): Row {
  return {
    id: r.id,
    meeting_id: r.meetingId,
    name: r.name,
    status: r.status,
    output_mode: r.outputMode,
    created_at: r.createdAt,
    duration: r.duration,
    size: r.size,
    started_by: r.startedBy,
    announced_at: r.announcedAt,
    seq: r.seq,
  };
}

/** Row to recording record. */
export function recordingFromRow(r: Row): RecordingRecord {
  return {
    id: str(r.id),
    meetingId: str(r.meeting_id),
    name: strOrNull(r.name),
    status: str(r.status),
    outputMode: str(r.output_mode) as RecordingRecord['outputMode'],
    createdAt: num(r.created_at),
    duration: num(r.duration),
    size: num(r.size),
    startedBy: strOrNull(r.started_by),
    announcedAt: numOrNull(r.announced_at),
    seq: num(r.seq),
    // Only set once retention deleted it, so records of live recordings keep their shape.
    ...(r.expired_at !== null && r.expired_at !== undefined
      ? { expiredAt: num(r.expired_at), retentionDays: num(r.retention_days) }
      : {}),
  };
}

/** Broadcast record to row. */
export function broadcastToRow(b: BroadcastRecord): Row {
  return {
    id: b.id,
    meeting_id: b.meetingId,
    status: b.status,
    hls_url: b.hlsUrl,
    rtmp: jsonOut(b.rtmp),
    created_at: b.createdAt,
    started_by: b.startedBy,
    seq: b.seq,
  };
}

/** Row to broadcast record. */
export function broadcastFromRow(r: Row): BroadcastRecord {
  return {
    id: str(r.id),
    meetingId: str(r.meeting_id),
    status: str(r.status),
    hlsUrl: strOrNull(r.hls_url),
    rtmp: jsonIn(r.rtmp),
    createdAt: num(r.created_at),
    startedBy: strOrNull(r.started_by),
    seq: num(r.seq),
  };
}

/** Render record to row. */
export function renderToRow(r: RenderRecord): Row {
  return {
    id: r.id,
    meeting_id: r.meetingId,
    status: r.status,
    url: r.url,
    stream_id: r.streamId,
    created_at: r.createdAt,
    seq: r.seq,
  };
}

/** Row to render record. */
export function renderFromRow(r: Row): RenderRecord {
  return {
    id: str(r.id),
    meetingId: str(r.meeting_id),
    status: str(r.status),
    url: str(r.url),
    streamId: strOrNull(r.stream_id),
    createdAt: num(r.created_at),
    seq: num(r.seq),
  };
}

/** SIP leg record to row. */
export function sipLegToRow(s: SipLegRecord): Row {
  return {
    id: s.id,
    meeting_id: s.meetingId,
    connection_id: s.connectionId,
    stream_id: s.streamId,
    uri: redactUri(s.uri),
    state: s.state,
    created_at: s.createdAt,
    ended_at: s.endedAt,
    seq: s.seq,
  };
}

/** Row to SIP leg record. */
export function sipLegFromRow(r: Row): SipLegRecord {
  return {
    id: str(r.id),
    meetingId: str(r.meeting_id),
    connectionId: str(r.connection_id),
    streamId: strOrNull(r.stream_id),
    uri: str(r.uri),
    state: str(r.state),
    createdAt: num(r.created_at),
    endedAt: numOrNull(r.ended_at),
    seq: num(r.seq),
  };
}

/** Audio stream record to row. */
export function audioStreamToRow(a: AudioStreamRecord): Row {
  return {
    id: a.id,
    meeting_id: a.meetingId,
    connection_id: a.connectionId,
    uri: redactUri(a.uri),
    status: a.status,
    created_at: a.createdAt,
    seq: a.seq,
  };
}

/** Row to audio stream record. */
export function audioStreamFromRow(r: Row): AudioStreamRecord {
  return {
    id: str(r.id),
    meetingId: str(r.meeting_id),
    connectionId: str(r.connection_id),
    uri: str(r.uri),
    status: str(r.status) as AudioStreamRecord['status'],
    createdAt: num(r.created_at),
    seq: num(r.seq),
  };
}
