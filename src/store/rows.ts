// Record <-> row mapping for meetings, participants, cards, audit and installations, shared by
// the SQLite and Postgres backends so both store exactly the same shape.

import type { Platform } from '../chat.js';
import type {
  AuditRecord,
  CardRecord,
  ConnectionRecord,
  InstallationRecord,
  MeetingRecord,
  StreamRecord,
} from './types.js';
import { bool, flag, jsonIn, jsonOut, num, numOrNull, str, strOrNull, type Row, type TableSpec } from './columns.js';

/** Meetings; `version` is set by the database (1 on insert, bumped on every change). */
export const MEETINGS: TableSpec = {
  name: 'meetings',
  columns: ['id', 'session_id', 'platform', 'team_id', 'channel_id', 'title', 'host_id', 'host_name', 'status',
    'options', 'mute_all', 'layout', 'created_at', 'ended_at'],
  keys: ['id'],
};

export const CONNECTIONS: TableSpec = {
  name: 'connections',
  columns: ['meeting_id', 'connection_id', 'kind', 'user_id', 'name', 'joined_at', 'left_at', 'reason', 'seq'],
  keys: ['meeting_id', 'connection_id'],
};

export const STREAMS: TableSpec = {
  name: 'streams',
  columns: ['meeting_id', 'stream_id', 'connection_id', 'video_type', 'name', 'muted', 'created_at', 'destroyed_at',
    'reason', 'seq'],
  keys: ['meeting_id', 'stream_id'],
};

export function meetingToRow(m: Omit<MeetingRecord, 'version'>): Row {
  return {
    id: m.id, session_id: m.sessionId, platform: m.platform, team_id: m.teamId, channel_id: m.channelId,
    title: m.title, host_id: m.hostId, host_name: m.hostName, status: m.status, options: jsonOut(m.options),
    mute_all: flag(m.muteAll), layout: m.layout ? jsonOut(m.layout) : null, created_at: m.createdAt,
    ended_at: m.endedAt,
  };
}

export function meetingFromRow(r: Row): MeetingRecord {
  return {
    id: str(r.id), sessionId: str(r.session_id), platform: str(r.platform) as Platform, teamId: str(r.team_id),
    channelId: str(r.channel_id), title: str(r.title), hostId: str(r.host_id), hostName: str(r.host_name),
    status: str(r.status) as MeetingRecord['status'], options: jsonIn(r.options), muteAll: bool(r.mute_all),
    layout: r.layout === null ? null : jsonIn(r.layout), createdAt: num(r.created_at),
    endedAt: numOrNull(r.ended_at), version: num(r.version),
  };
}

export function connectionToRow(c: ConnectionRecord): Row {
  return {
    meeting_id: c.meetingId, connection_id: c.connectionId, kind: c.kind, user_id: c.userId, name: c.name,
    joined_at: c.joinedAt, left_at: c.leftAt, reason: c.reason, seq: c.seq,
  };
}

export function connectionFromRow(r: Row): ConnectionRecord {
  return {
    meetingId: str(r.meeting_id), connectionId: str(r.connection_id), kind: str(r.kind) as ConnectionRecord['kind'],
    userId: strOrNull(r.user_id), name: str(r.name), joinedAt: num(r.joined_at), leftAt: numOrNull(r.left_at),
    reason: strOrNull(r.reason), seq: num(r.seq),
  };
}

export function streamToRow(s: StreamRecord): Row {
  return {
    meeting_id: s.meetingId, stream_id: s.streamId, connection_id: s.connectionId, video_type: s.videoType,
    name: s.name, muted: flag(s.muted), created_at: s.createdAt, destroyed_at: s.destroyedAt, reason: s.reason,
    seq: s.seq,
  };
}

export function streamFromRow(r: Row): StreamRecord {
  return {
    meetingId: str(r.meeting_id), streamId: str(r.stream_id), connectionId: str(r.connection_id),
    videoType: strOrNull(r.video_type) as StreamRecord['videoType'], name: str(r.name), muted: bool(r.muted),
    createdAt: num(r.created_at), destroyedAt: numOrNull(r.destroyed_at), reason: strOrNull(r.reason),
    seq: num(r.seq),
  };
}

export function cardFromRow(r: Row): CardRecord {
  return {
    meetingId: str(r.meeting_id), platform: str(r.platform) as Platform, teamId: str(r.team_id),
    channelId: str(r.channel_id), messageId: str(r.message_id), renderedVersion: num(r.rendered_version),
    renderedAt: num(r.rendered_at), notBefore: num(r.not_before),
  };
}

export function auditFromRow(r: Row): AuditRecord {
  return {
    meetingId: strOrNull(r.meeting_id), platform: str(r.platform) as Platform, actorId: str(r.actor_id),
    actorName: str(r.actor_name), action: str(r.action), target: strOrNull(r.target),
    outcome: str(r.outcome) as AuditRecord['outcome'], detail: strOrNull(r.detail), at: num(r.at),
  };
}

export function installationFromRow(r: Row): InstallationRecord {
  return {
    platform: str(r.platform) as Platform, teamId: str(r.team_id), data: jsonIn(r.data), updatedAt: num(r.updated_at),
  };
}

/** A dirty card row: the card plus its meeting's current version (from the join). */
export function dirtyCardFromRow(r: Row): CardRecord & { version: number } {
  return { ...cardFromRow(r), version: num(r.version) };
}
