// Recordings, broadcasts, renders, SIP legs and audio streams on Postgres: seq-guarded upserts and
// per-meeting lists (each table is indexed by meeting).

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
import type { PgDb } from './db.js';

// Row-locking UPDATE: of two replicas claiming at once, the second re-reads announced_at and loses.
const CLAIM_ANNOUNCEMENT = 'UPDATE recordings SET announced_at = $1 WHERE id = $2 AND announced_at IS NULL';

/** Media methods backed by `db`. */
export function postgresMedia(db: PgDb): MediaMethods {
  const list = <T>(spec: TableSpec, fromRow: (r: Row) => T) => {
    const sql = `SELECT * FROM ${spec.name} WHERE meeting_id = $1 ORDER BY created_at, id`;
    return async (meetingId: string) => (await db.rows(sql, [meetingId])).map(fromRow);
  };
  const get = <T>(spec: TableSpec, fromRow: (r: Row) => T) => {
    const sql = `SELECT * FROM ${spec.name} WHERE id = $1`;
    return async (id: string) => {
      const [row] = await db.rows(sql, [id]);
      return row ? fromRow(row) : null;
    };
  };
  return {
    getRecording: get(RECORDINGS, recordingFromRow),
    listRecordings: list(RECORDINGS, recordingFromRow),
    async claimRecordingAnnouncement(id, at) {
      return (await db.changes(CLAIM_ANNOUNCEMENT, [at, id])) > 0;
    },
    getBroadcast: get(BROADCASTS, broadcastFromRow),
    listBroadcasts: list(BROADCASTS, broadcastFromRow),
    listRenders: list(RENDERS, renderFromRow),
    listSipLegs: list(SIP_LEGS, sipLegFromRow),
    listAudioStreams: list(AUDIO_STREAMS, audioStreamFromRow),
  };
}
