// Room rows and the statements of the room writes, written once for both backends.

import type { Platform } from '../chat.js';
import { bool, flag, num, numOrNull, str, strOrNull, type Row } from './columns.js';
import type { RoomRecord, RoomWrite } from './room-types.js';
import type { StoreWrite } from './types.js';

const ROOM_KINDS = new Set<StoreWrite['kind']>([
  'createRoom',
  'deleteRoom',
  'roomLink',
  'roomIdle',
  'finishRoomIdle',
]);

/** True for the room writes (none of them changes what a meeting card shows). */
export function isRoomWrite(w: StoreWrite): w is RoomWrite {
  return ROOM_KINDS.has(w.kind);
}

/** Row to room record. */
export function roomFromRow(r: Row): RoomRecord {
  return {
    id: str(r.id),
    platform: str(r.platform) as Platform,
    teamId: str(r.team_id),
    channelId: str(r.channel_id),
    sessionId: str(r.session_id),
    title: str(r.title),
    layout: strOrNull(r.layout),
    autoRecord: bool(r.auto_record),
    e2ee: bool(r.e2ee),
    captionsLanguage: strOrNull(r.captions_language),
    createdBy: str(r.created_by),
    createdByName: str(r.created_by_name),
    createdAt: num(r.created_at),
    linkRef: strOrNull(r.link_ref),
    idleEndAt: numOrNull(r.idle_end_at),
  };
}

// ON CONFLICT DO NOTHING without a target covers both unique rules (channel, session).
const CREATE = `INSERT INTO rooms (id, platform, team_id, channel_id, session_id, title, layout, auto_record,
  e2ee, captions_language, created_by, created_by_name, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;
const DELETE = 'DELETE FROM rooms WHERE id = ?';
const LINK = 'UPDATE rooms SET link_ref = ? WHERE id = ?';
const IDLE_SET = `UPDATE rooms SET idle_end_at = ?, idle_owner = NULL, idle_claimed_at = NULL
  WHERE id = ? AND (idle_end_at IS NULL OR idle_end_at <> ?)`;
const IDLE_CLEAR = `UPDATE rooms SET idle_end_at = NULL, idle_owner = NULL, idle_claimed_at = NULL
  WHERE id = ? AND idle_end_at IS NOT NULL`;
const IDLE_FINISH = `UPDATE rooms SET idle_end_at = NULL, idle_owner = NULL, idle_claimed_at = NULL
  WHERE id = ? AND idle_end_at = ?`;

/** The statement of a room write. */
export function roomStatement(w: RoomWrite): { sql: string; params: unknown[] } {
  switch (w.kind) {
    case 'createRoom': {
      const r = w.room;
      return {
        sql: CREATE,
        params: [
          r.id,
          r.platform,
          r.teamId,
          r.channelId,
          r.sessionId,
          r.title,
          r.layout,
          flag(r.autoRecord),
          flag(r.e2ee),
          r.captionsLanguage,
          r.createdBy,
          r.createdByName,
          r.createdAt,
        ],
      };
    }
    case 'deleteRoom':
      return { sql: DELETE, params: [w.id] };
    case 'roomLink':
      return { sql: LINK, params: [w.linkRef, w.id] };
    case 'roomIdle':
      return w.endAt === null
        ? { sql: IDLE_CLEAR, params: [w.id] }
        : { sql: IDLE_SET, params: [w.endAt, w.id, w.endAt] };
    case 'finishRoomIdle':
      return { sql: IDLE_FINISH, params: [w.id, w.endAt] };
  }
}
