// Connections and streams on Postgres: seq-guarded upserts. ON CONFLICT DO UPDATE re-checks the
// WHERE on the locked, latest row, so concurrent deliveries on several replicas still keep the newest.

import type { ParticipantMethods } from '../parts.js';
import { connectionFromRow, streamFromRow } from '../participant-rows.js';
import type { PgDb } from './db.js';

const CONNECTIONS_ALL = 'SELECT * FROM connections WHERE meeting_id = $1 ORDER BY joined_at, connection_id';
const CONNECTIONS_LIVE =
  'SELECT * FROM connections WHERE meeting_id = $1 AND left_at IS NULL ORDER BY joined_at, connection_id';
const STREAMS_ALL = 'SELECT * FROM streams WHERE meeting_id = $1 ORDER BY created_at, stream_id';
const STREAMS_LIVE =
  'SELECT * FROM streams WHERE meeting_id = $1 AND destroyed_at IS NULL ORDER BY created_at, stream_id';

/** Participant methods backed by `db`. */
export function postgresParticipants(db: PgDb): ParticipantMethods {
  return {
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
