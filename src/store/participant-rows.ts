// Record <-> row mapping for participants (connections and streams), shared by both backends.
// Both are seq-guarded upserts keyed by (meeting_id, id).

import type { ConnectionRecord, StreamRecord } from './types.js';
import { bool, flag, num, numOrNull, str, strOrNull, type Row, type TableSpec } from './columns.js';

/** Connections, keyed by meeting and connection ID. */
export const CONNECTIONS: TableSpec = {
  name: 'connections',
  columns: [
    'meeting_id',
    'connection_id',
    'kind',
    'user_id',
    'name',
    'joined_at',
    'left_at',
    'reason',
    'seq',
  ],
  keys: ['meeting_id', 'connection_id'],
};

/** Streams, keyed by meeting and stream ID. */
export const STREAMS: TableSpec = {
  name: 'streams',
  columns: [
    'meeting_id',
    'stream_id',
    'connection_id',
    'video_type',
    'name',
    'muted',
    'created_at',
    'destroyed_at',
    'reason',
    'seq',
  ],
  keys: ['meeting_id', 'stream_id'],
};

/** Connection record to row. */
export function connectionToRow(c: ConnectionRecord): Row {
  return {
    meeting_id: c.meetingId,
    connection_id: c.connectionId,
    kind: c.kind,
    user_id: c.userId,
    name: c.name,
    joined_at: c.joinedAt,
    left_at: c.leftAt,
    reason: c.reason,
    seq: c.seq,
  };
}

/** Row to connection record. */
export function connectionFromRow(r: Row): ConnectionRecord {
  return {
    meetingId: str(r.meeting_id),
    connectionId: str(r.connection_id),
    kind: str(r.kind) as ConnectionRecord['kind'],
    userId: strOrNull(r.user_id),
    name: str(r.name),
    joinedAt: num(r.joined_at),
    leftAt: numOrNull(r.left_at),
    reason: strOrNull(r.reason),
    seq: num(r.seq),
  };
}

/** Stream record to row. */
export function streamToRow(s: StreamRecord): Row {
  return {
    meeting_id: s.meetingId,
    stream_id: s.streamId,
    connection_id: s.connectionId,
    video_type: s.videoType,
    name: s.name,
    muted: flag(s.muted),
    created_at: s.createdAt,
    destroyed_at: s.destroyedAt,
    reason: s.reason,
    seq: s.seq,
  };
}

/** Row to stream record. */
export function streamFromRow(r: Row): StreamRecord {
  return {
    meetingId: str(r.meeting_id),
    streamId: str(r.stream_id),
    connectionId: str(r.connection_id),
    videoType: strOrNull(r.video_type) as StreamRecord['videoType'],
    name: str(r.name),
    muted: bool(r.muted),
    createdAt: num(r.created_at),
    destroyedAt: numOrNull(r.destroyed_at),
    reason: strOrNull(r.reason),
    seq: num(r.seq),
  };
}
