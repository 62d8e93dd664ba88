// Connection and stream reads. The live lists are served by the partial indexes connections_live
// and streams_live (migration 4), so they cost the same however many people have left.

import type { ParticipantMethods } from '../parts.js';
import { connectionFromRow, streamFromRow } from '../participant-rows.js';
import type { Sql } from '../sql.js';

const CONNECTIONS_ALL = 'SELECT * FROM connections WHERE meeting_id = ? ORDER BY joined_at, connection_id';
const CONNECTIONS_LIVE =
  'SELECT * FROM connections WHERE meeting_id = ? AND left_at IS NULL ORDER BY joined_at, connection_id';
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
    async listStreams(meetingId, opts) {
      return (await db.all(opts?.includeGone ? STREAMS_ALL : STREAMS_LIVE, [meetingId])).map(streamFromRow);
    },
  };
}
