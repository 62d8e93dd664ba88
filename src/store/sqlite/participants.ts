// Connections and streams on SQLite: seq-guarded upserts, so a late or repeated callback never
// moves a participant back to an older state.

import type { Row } from '../columns.js';
import type { ParticipantMethods } from '../parts.js';
import { connectionFromRow, streamFromRow } from '../participant-rows.js';
import type { SqliteDb } from './db.js';

const CONNECTIONS_ALL = 'SELECT * FROM connections WHERE meeting_id = ? ORDER BY joined_at, connection_id';
const CONNECTIONS_LIVE =
  'SELECT * FROM connections WHERE meeting_id = ? AND left_at IS NULL ORDER BY joined_at, connection_id';
const STREAMS_ALL = 'SELECT * FROM streams WHERE meeting_id = ? ORDER BY created_at, stream_id';
const STREAMS_LIVE =
  'SELECT * FROM streams WHERE meeting_id = ? AND destroyed_at IS NULL ORDER BY created_at, stream_id';

/** Participant methods backed by `db`. */
export function sqliteParticipants(db: SqliteDb): ParticipantMethods {
  return {
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
