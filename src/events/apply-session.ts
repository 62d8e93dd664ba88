import { parseConnectionData } from '../identity.js';
import type { ConnectionRecord, MeetingRecord, StoreWrite } from '../store/types.js';
import type { SessionEvent } from './schemas.js';

// Session monitoring -> participants. Each event carries the connection's token data, so every
// write is complete on its own and the seq guard alone decides which of two racing writes wins.

function connectionFrom(
  meetingId: string,
  c: { id: string; createdAt?: number; data?: string | null },
  ts: number,
): ConnectionRecord {
  const who = parseConnectionData(c.data);
  return {
    meetingId,
    connectionId: c.id,
    kind: who?.kind ?? 'unknown',
    userId: who?.userId ?? null,
    name: who?.name ?? 'Guest',
    joinedAt: c.createdAt ?? ts,
    leftAt: null,
    reason: null,
    seq: ts,
  };
}

/** The store writes of a session monitoring event (none for events that carry no participant). */
export function sessionWrites(meeting: MeetingRecord, e: SessionEvent): StoreWrite[] {
  const ts = e.timestamp;
  switch (e.event) {
    case 'connectionCreated':
      if (!e.connection) return [];
      return [{ kind: 'connection', record: connectionFrom(meeting.id, e.connection, ts) }];
    case 'connectionDestroyed':
      if (!e.connection) return [];
      return [
        {
          kind: 'connection',
          record: { ...connectionFrom(meeting.id, e.connection, ts), leftAt: ts, reason: e.reason ?? null },
        },
      ];
    case 'streamCreated':
    case 'streamDestroyed': {
      if (!e.stream) return [];
      const s = e.stream;
      const destroyed = e.event === 'streamDestroyed';
      const stream: StoreWrite = {
        kind: 'stream',
        record: {
          meetingId: meeting.id,
          streamId: s.id,
          connectionId: s.connection.id,
          videoType: s.videoType ?? null,
          name: s.name ?? '',
          // A mute-all in force also mutes streams published later.
          muted: meeting.muteAll,
          createdAt: s.createdAt ?? ts,
          destroyedAt: destroyed ? ts : null,
          reason: destroyed ? (e.reason ?? null) : null,
          seq: ts,
        },
      };
      if (destroyed) return [stream];
      // The connection event may be late or lost: record the connection as of its creation time,
      // which is older than any destroy event, so this never resurrects someone who left.
      const conn = connectionFrom(meeting.id, s.connection, s.connection.createdAt ?? ts - 1);
      return [{ kind: 'connection', record: conn }, stream];
    }
    default:
      // sessionCreated/sessionDestroyed/sessionNotification: connection events carry the facts.
      return [];
  }
}
