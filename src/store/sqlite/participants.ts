// Connections and streams on SQLite: seq-guarded upserts, so a late or repeated callback never
// moves a participant back to an older state.

import { valuesOf, type Row } from '../columns.js';
import type { ParticipantMethods } from '../parts.js';
import {
  CONNECTIONS,
  STREAMS,
  connectionFromRow,
  connectionToRow,
  streamFromRow,
  streamToRow,
} from '../participant-rows.js';
import { seqUpsertSql, sqlitePlaceholder } from '../upsert.js';
import type { SqliteDb } from './db.js';

const UPSERT_CONNECTION = seqUpsertSql(CONNECTIONS, sqlitePlaceholder);
const UPSERT_STREAM = seqUpsertSql(STREAMS, sqlitePlaceholder);
const CONNECTIONS_ALL = 'SELECT * FROM connections WHERE meeting_id = ? ORDER BY joined_at, connection_id';
const CONNECTIONS_LIVE =
  'SELECT * FROM connections WHERE meeting_id = ? AND left_at IS NULL ORDER BY joined_at, connection_id';
const STREAMS_ALL = 'SELECT * FROM streams WHERE meeting_id = ? ORDER BY created_at, stream_id';
const STREAMS_LIVE =
  'SELECT * FROM streams WHERE meeting_id = ? AND destroyed_at IS NULL ORDER BY created_at, stream_id';
const MUTE_LIVE = 'UPDATE streams SET muted = ? WHERE meeting_id = ? AND destroyed_at IS NULL';
// The ID list travels as one JSON array parameter so that this stays a single prepared statement.
const MUTE_SOME =
  'UPDATE streams SET muted = ? WHERE meeting_id = ? AND stream_id IN (SELECT value FROM json_each(?))';

/** Participant methods backed by `db`. */
export function sqliteParticipants(db: SqliteDb): ParticipantMethods {
  return {
    async upsertConnection(c) {
      return db.q(UPSERT_CONNECTION).run(...valuesOf(CONNECTIONS, connectionToRow(c))).changes > 0;
    },
    async upsertStream(s) {
      return db.q(UPSERT_STREAM).run(...valuesOf(STREAMS, streamToRow(s))).changes > 0;
    },
    async setStreamsMuted(meetingId, muted, streamIds) {
      const flag = muted ? 1 : 0;
      if (streamIds === undefined) db.q(MUTE_LIVE).run(flag, meetingId);
      else db.q(MUTE_SOME).run(flag, meetingId, JSON.stringify(streamIds));
    },
    async listConnections(meetingId, opts) {
      const rows = db.q(opts?.includeGone ? CONNECTIONS_ALL : CONNECTIONS_LIVE).all(meetingId) as Row[];
      return rows.map(connectionFromRow);
    },
    async listStreams(meetingId, opts) {
      const rows = db.q(opts?.includeGone ? STREAMS_ALL : STREAMS_LIVE).all(meetingId) as Row[];
      return rows.map(streamFromRow);
    },
  };
}
