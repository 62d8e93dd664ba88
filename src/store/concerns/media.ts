// Recording, broadcast, render, SIP-leg and audio-stream reads (each table is indexed by meeting),
// and the once-only claim of a recording's "available" announcement.

import type { Row, TableSpec } from '../columns.js';
import {
  AUDIO_STREAMS,
  BROADCASTS,
  RECORDINGS,
  RENDERS,
  SIP_LEGS,
  audioStreamFromRow,
  broadcastFromRow,
  recordingFromRow,
  renderFromRow,
  sipLegFromRow,
} from '../media-rows.js';
import type { MediaMethods } from '../parts.js';
import type { Sql } from '../sql.js';

// Of two replicas claiming at once, the second re-reads announced_at (Postgres: on the locked row)
// and loses.
const CLAIM_ANNOUNCEMENT = 'UPDATE recordings SET announced_at = ? WHERE id = ? AND announced_at IS NULL';

/** The read of a media table's rows for one meeting, oldest first. */
export const listOf = (spec: TableSpec): string =>
  `SELECT * FROM ${spec.name} WHERE meeting_id = ? ORDER BY created_at, id`;

/** Media reads over `db`. */
export function mediaReads(db: Sql): MediaMethods {
  const list = <T>(spec: TableSpec, fromRow: (r: Row) => T) => {
    const sql = listOf(spec);
    return async (meetingId: string) => (await db.all(sql, [meetingId])).map(fromRow);
  };
  const get = <T>(spec: TableSpec, fromRow: (r: Row) => T) => {
    const sql = `SELECT * FROM ${spec.name} WHERE id = ?`;
    return async (id: string) => {
      const row = await db.one(sql, [id]);
      return row ? fromRow(row) : null;
    };
  };
  return {
    getRecording: get(RECORDINGS, recordingFromRow),
    listRecordings: list(RECORDINGS, recordingFromRow),
    async claimRecordingAnnouncement(id, at) {
      return (await db.run(CLAIM_ANNOUNCEMENT, [at, id])) > 0;
    },
    getBroadcast: get(BROADCASTS, broadcastFromRow),
    listBroadcasts: list(BROADCASTS, broadcastFromRow),
    listRenders: list(RENDERS, renderFromRow),
    listSipLegs: list(SIP_LEGS, sipLegFromRow),
    listAudioStreams: list(AUDIO_STREAMS, audioStreamFromRow),
  };
}
