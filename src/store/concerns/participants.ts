// Connection and stream reads. The live lists are served by the partial indexes connections_live
// and streams_live (migration 4), so they cost the same however many people have left.

import type { ParticipantMethods } from '../parts.js';
import { connectionFromRow, streamFromRow } from '../participant-rows.js';
import type { Sql } from '../sql.js';

const CONNECTIONS_ALL = 'SELECT * FROM connections WHERE meeting_id = ? ORDER BY joined_at, connection_id';
const CONNECTIONS_LIVE =
  'SELECT * FROM connections WHERE meeting_id = ? AND left_at IS NULL ORDER BY joined_at, connection_id';
// UNION drops a row met twice. The last part stops at the first row it finds (no ORDER BY), so
// it stays one index step however long the meeting's history.
const CONNECTIONS_FOR_STATE = `SELECT * FROM connections WHERE meeting_id = ? AND left_at IS NULL
  UNION SELECT c.* FROM streams s JOIN connections c ON c.meeting_id = s.meeting_id AND c.connection_id = s.connection_id
    WHERE s.meeting_id = ? AND s.destroyed_at IS NULL
  UNION SELECT * FROM (SELECT * FROM connections WHERE meeting_id = ? AND kind IN ('user', 'sip', 'unknown')
    LIMIT 1) ever_seen
  ORDER BY joined_at, connection_id`;
const STREAMS_ALL = 'SELECT * FROM streams WHERE meeting_id = ? ORDER BY created_at, stream_id';
const STREAMS_LIVE =
  'SELECT * FROM streams WHERE meeting_id = ? AND destroyed_at IS NULL ORDER BY created_at, stream_id';

/** Participant reads over `db`. */
export function participantReads(db: Sql): ParticipantMethods {
  return {
    async listConnections(meetingId, opts) {
      return (await db.all(opts?.includeGone ? CONNECTIONS_ALL : CONNECTIONS_LIVE, [meetingId])).map(
        connectionFromRow,
      );
    },
    async listConnectionsForState(meetingId) {
      return (await db.all(CONNECTIONS_FOR_STATE, [meetingId, meetingId, meetingId])).map(connectionFromRow);
    },
    async listStreams(meetingId, opts) {
      return (await db.all(opts?.includeGone ? STREAMS_ALL : STREAMS_LIVE, [meetingId])).map(streamFromRow);
    },
  };
}
