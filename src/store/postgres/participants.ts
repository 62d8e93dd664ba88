// Connections and streams on Postgres: seq-guarded upserts. ON CONFLICT DO UPDATE re-checks the
// WHERE on the locked, latest row, so concurrent deliveries on several replicas still keep the newest.

import { valuesOf } from '../columns.js';
import type { ParticipantMethods } from '../parts.js';
import {
  CONNECTIONS,
  STREAMS,
  connectionFromRow,
  connectionToRow,
  streamFromRow,
  streamToRow,
} from '../participant-rows.js';
import { postgresPlaceholder, seqUpsertSql } from '../upsert.js';
import type { PgDb } from './db.js';

const UPSERT_CONNECTION = seqUpsertSql(CONNECTIONS, postgresPlaceholder);
const UPSERT_STREAM = seqUpsertSql(STREAMS, postgresPlaceholder);
const CONNECTIONS_ALL = 'SELECT * FROM connections WHERE meeting_id = $1 ORDER BY joined_at, connection_id';
const CONNECTIONS_LIVE =
  'SELECT * FROM connections WHERE meeting_id = $1 AND left_at IS NULL ORDER BY joined_at, connection_id';
const STREAMS_ALL = 'SELECT * FROM streams WHERE meeting_id = $1 ORDER BY created_at, stream_id';
const STREAMS_LIVE =
  'SELECT * FROM streams WHERE meeting_id = $1 AND destroyed_at IS NULL ORDER BY created_at, stream_id';
const MUTE_LIVE = 'UPDATE streams SET muted = $1 WHERE meeting_id = $2 AND destroyed_at IS NULL';
const MUTE_SOME = 'UPDATE streams SET muted = $1 WHERE meeting_id = $2 AND stream_id = ANY($3::text[])';

/** Participant methods backed by `db`. */
export function postgresParticipants(db: PgDb): ParticipantMethods {
  return {
    async upsertConnection(c) {
      return (await db.changes(UPSERT_CONNECTION, valuesOf(CONNECTIONS, connectionToRow(c)))) > 0;
    },
    async upsertStream(s) {
      return (await db.changes(UPSERT_STREAM, valuesOf(STREAMS, streamToRow(s)))) > 0;
    },
    async setStreamsMuted(meetingId, muted, streamIds) {
      if (streamIds === undefined) await db.query(MUTE_LIVE, [muted, meetingId]);
      else await db.query(MUTE_SOME, [muted, meetingId, streamIds]);
    },
    async listConnections(meetingId, opts) {
      return (await db.rows(opts?.includeGone ? CONNECTIONS_ALL : CONNECTIONS_LIVE, [meetingId])).map(
        connectionFromRow,
      );
    },
    async listStreams(meetingId, opts) {
      return (await db.rows(opts?.includeGone ? STREAMS_ALL : STREAMS_LIVE, [meetingId])).map(streamFromRow);
    },
  };
}
