// Record <-> row mapping for meetings, cards, audit and installations, shared by the SQLite and
// Postgres backends so both store exactly the same shape.

import type { Platform } from '../chat.js';
import type { AuditRecord, CardRecord, InstallationRecord, MeetingRecord } from './types.js';
import {
  bool,
  flag,
  jsonIn,
  jsonOut,
  num,
  numOrNull,
  str,
  strOrNull,
  type Row,
  type TableSpec,
} from './columns.js';

/** Meetings; `version` is set by the database (1 on insert, bumped on every change). */
export const MEETINGS: TableSpec = {
  name: 'meetings',
  columns: [
    'id',
    'session_id',
    'platform',
    'team_id',
    'channel_id',
    'title',
    'host_id',
    'host_name',
    'status',
    'options',
    'mute_all',
    'layout',
    'created_at',
    'ended_at',
  ],
  keys: ['id'],
};

/** Meeting record (without version) to row. */
export function meetingToRow(m: Omit<MeetingRecord, 'version'>): Row {
  return {
    id: m.id,
    session_id: m.sessionId,
    platform: m.platform,
    team_id: m.teamId,
    channel_id: m.channelId,
    title: m.title,
    host_id: m.hostId,
    host_name: m.hostName,
    status: m.status,
    options: jsonOut(m.options),
    mute_all: flag(m.muteAll),
    layout: m.layout ? jsonOut(m.layout) : null,
    created_at: m.createdAt,
    ended_at: m.endedAt,
  };
}

/** Row to meeting record. */
export function meetingFromRow(r: Row): MeetingRecord {
  return {
    id: str(r.id),
    sessionId: str(r.session_id),
    platform: str(r.platform) as Platform,
    teamId: str(r.team_id),
    channelId: str(r.channel_id),
    title: str(r.title),
    hostId: str(r.host_id),
    hostName: str(r.host_name),
    status: str(r.status) as MeetingRecord['status'],
    options: jsonIn(r.options),
    muteAll: bool(r.mute_all),
    layout: r.layout === null ? null : jsonIn(r.layout),
    createdAt: num(r.created_at),
    endedAt: numOrNull(r.ended_at),
    version: num(r.version),
  };
}

/** Row to card record. */
export function cardFromRow(r: Row): CardRecord {
  return {
    meetingId: str(r.meeting_id),
    platform: str(r.platform) as Platform,
    teamId: str(r.team_id),
    channelId: str(r.channel_id),
    messageId: str(r.message_id),
    renderedVersion: num(r.rendered_version),
    renderedAt: num(r.rendered_at),
    notBefore: num(r.not_before),
    // The meeting card has no kind (the common case stays the shape every caller knows).
    ...(r.kind === 'recap' ? { kind: 'recap' as const } : {}),
  };
}

/** Row to audit record. */
export function auditFromRow(r: Row): AuditRecord {
  return {
    meetingId: strOrNull(r.meeting_id),
    platform: str(r.platform) as Platform,
    actorId: str(r.actor_id),
    actorName: str(r.actor_name),
    action: str(r.action),
    target: strOrNull(r.target),
    outcome: str(r.outcome) as AuditRecord['outcome'],
    detail: strOrNull(r.detail),
    at: num(r.at),
  };
}

/** Row to installation record. */
export function installationFromRow(r: Row): InstallationRecord {
  return {
    platform: str(r.platform) as Platform,
    teamId: str(r.team_id),
    data: jsonIn(r.data),
    updatedAt: num(r.updated_at),
  };
}

/** A dirty card row: the card plus its meeting's current version (from the join). */
export function dirtyCardFromRow(r: Row): CardRecord & { version: number } {
  return { ...cardFromRow(r), version: num(r.version) };
}
