// Recordings, broadcasts, renders, SIP legs and audio streams on SQLite: seq-guarded upserts and
// per-meeting lists (each table is indexed by meeting).

import { valuesOf, type Row, type TableSpec } from '../columns.js';
import {
  AUDIO_STREAMS,
  BROADCASTS,
  RECORDINGS,
  RENDERS,
  SIP_LEGS,
  audioStreamFromRow,
  audioStreamToRow,
  broadcastFromRow,
  broadcastToRow,
  recordingFromRow,
  recordingToRow,
  renderFromRow,
  renderToRow,
  sipLegFromRow,
  sipLegToRow,
} from '../media-rows.js';
import type { MediaMethods } from '../parts.js';
import { seqUpsertSql, sqlitePlaceholder } from '../upsert.js';
import type { SqliteDb } from './db.js';

const CLAIM_ANNOUNCEMENT = 'UPDATE recordings SET announced_at = ? WHERE id = ? AND announced_at IS NULL';

/** Media methods backed by `db`. */
export function sqliteMedia(db: SqliteDb): MediaMethods {
  const upsert = <T>(spec: TableSpec, toRow: (r: T) => Row) => {
    const sql = seqUpsertSql(spec, sqlitePlaceholder);
    return async (r: T) => db.q(sql).run(...valuesOf(spec, toRow(r))).changes > 0;
  };
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
    upsertRecording: upsert(RECORDINGS, recordingToRow),
    getRecording: get(RECORDINGS, recordingFromRow),
    listRecordings: list(RECORDINGS, recordingFromRow),
    async claimRecordingAnnouncement(id, at) {
      return db.q(CLAIM_ANNOUNCEMENT).run(at, id).changes > 0;
    },
    upsertBroadcast: upsert(BROADCASTS, broadcastToRow),
    getBroadcast: get(BROADCASTS, broadcastFromRow),
    listBroadcasts: list(BROADCASTS, broadcastFromRow),
    upsertRender: upsert(RENDERS, renderToRow),
    listRenders: list(RENDERS, renderFromRow),
    upsertSipLeg: upsert(SIP_LEGS, sipLegToRow),
    listSipLegs: list(SIP_LEGS, sipLegFromRow),
    upsertAudioStream: upsert(AUDIO_STREAMS, audioStreamToRow),
    listAudioStreams: list(AUDIO_STREAMS, audioStreamFromRow),
  };
}
