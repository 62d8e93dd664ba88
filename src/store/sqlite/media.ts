// Recordings, broadcasts, renders, SIP legs and audio streams on SQLite: seq-guarded upserts and
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
import type { SqliteDb } from './db.js';

const CLAIM_ANNOUNCEMENT = 'UPDATE recordings SET announced_at = ? WHERE id = ? AND announced_at IS NULL';

/** Media methods backed by `db`. */
export function sqliteMedia(db: SqliteDb): MediaMethods {
  const list = <T>(spec: TableSpec, fromRow: (r: Row) => T) => {
    const sql = `SELECT * FROM ${spec.name} WHERE meeting_id = ? ORDER BY created_at, id`;
    return async (meetingId: string) => (db.q(sql).all(meetingId) as Row[]).map(fromRow);
  };
  const get = <T>(spec: TableSpec, fromRow: (r: Row) => T) => {
    const sql = `SELECT * FROM ${spec.name} WHERE id = ?`;
    return async (id: string) => {
      const row = db.q(sql).get(id) as Row | undefined;
      return row ? fromRow(row) : null;
    };
  };
  return {
    getRecording: get(RECORDINGS, recordingFromRow),
    listRecordings: list(RECORDINGS, recordingFromRow),
    async claimRecordingAnnouncement(id, at) {
      return db.q(CLAIM_ANNOUNCEMENT).run(at, id).changes > 0;
    },
    getBroadcast: get(BROADCASTS, broadcastFromRow),
    listBroadcasts: list(BROADCASTS, broadcastFromRow),
    listRenders: list(RENDERS, renderFromRow),
    listSipLegs: list(SIP_LEGS, sipLegFromRow),
    listAudioStreams: list(AUDIO_STREAMS, audioStreamFromRow),
  };
}
