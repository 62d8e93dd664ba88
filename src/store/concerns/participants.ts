// Connection and stream reads. The live lists are served by the partial indexes connections_live
// and streams_live (migration 4), so they cost the same however many people have left.

import type { Row } from '../columns.js';
import type { ParticipantMethods } from '../parts.js';
import { connectionFromRow, streamFromRow } from '../participant-rows.js';
import type { Sql } from '../sql.js';
import type { ConnectionRecord } from '../types.js';

const CONNECTIONS_ALL = 'SELECT * FROM connections WHERE meeting_id = ? ORDER BY joined_at, connection_id';
const CONNECTIONS_LIVE =
  'SELECT * FROM connections WHERE meeting_id = ? AND left_at IS NULL ORDER BY joined_at, connection_id';
const STREAMS_ALL = 'SELECT * FROM streams WHERE meeting_id = ? ORDER BY created_at, stream_id';
// Three disjoint-or-nearly parts joined with UNION ALL (a UNION's duplicate removal cost Postgres a
// hash aggregate over every row, and kept the statement from being prepared: prepared.ts): who is
// here, who left but still has a live stream, and the first person ever seen. The last two stop
// at few rows however long the meeting's history; a connection met twice is dropped in forState.
/** The connections a meeting's state needs (see Store.listConnectionsForState); read with forState. */
export const CONNECTIONS_FOR_STATE = `SELECT * FROM connections WHERE meeting_id = ? AND left_at IS NULL
  UNION ALL SELECT c.* FROM streams s JOIN connections c ON c.meeting_id = s.meeting_id AND c.connection_id = s.connection_id
    WHERE s.meeting_id = ? AND s.destroyed_at IS NULL AND c.left_at IS NOT NULL
  UNION ALL SELECT * FROM (SELECT * FROM connections WHERE meeting_id = ? AND kind IN ('user', 'sip', 'unknown')
    LIMIT 1) ever_seen
  ORDER BY joined_at, connection_id`;
/** The live streams of a meeting, oldest first. */
export const STREAMS_LIVE =
  'SELECT * FROM streams WHERE meeting_id = ? AND destroyed_at IS NULL ORDER BY created_at, stream_id';

/** The rows of {@link CONNECTIONS_FOR_STATE} as records, each connection once, in their order. */
export function forState(rows: readonly Row[]): ConnectionRecord[] {
  const seen = new Set<string>();
  const out: ConnectionRecord[] = [];
  for (const row of rows) {
    const c = connectionFromRow(row);
    if (seen.has(c.connectionId)) continue;
    seen.add(c.connectionId);
    out.push(c);
  }
  return out;
}

/** Participant reads over `db`. */
export function participantReads(db: Sql): ParticipantMethods {
  return {
    async listConnections(meetingId, opts) {
      return (await db.all(opts?.includeGone ? CONNECTIONS_ALL : CONNECTIONS_LIVE, [meetingId])).map(
        connectionFromRow,
      );
    },
    async listConnectionsForState(meetingId) {
      return forState(await db.all(CONNECTIONS_FOR_STATE, [meetingId, meetingId, meetingId]));
    },
    async listStreams(meetingId, opts) {
      return (await db.all(opts?.includeGone ? STREAMS_ALL : STREAMS_LIVE, [meetingId])).map(streamFromRow);
    },
  };
}
