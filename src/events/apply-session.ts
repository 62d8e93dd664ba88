import { nameFromData, parseConnectionData } from '../identity.js';
import type { ConnectionRecord, MeetingRecord, StoreWrite } from '../store/types.js';
import { presenceSeq } from './order.js';
import type { SessionEvent } from './schemas.js';

// Session monitoring -> participants. Each event carries the connection's token data, so every
// write is complete on its own and the seq guard alone decides which of two racing writes wins
// (a destroy always wins: see presenceSeq).

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
    // Our own tokens name the chat user; another app's token data may still carry a name. Empty
    // when nothing does: meetingState then falls back to the stream's name, then to "Guest".
    name: who?.name ?? nameFromData(c.data) ?? '',
    joinedAt: c.createdAt ?? ts,
    leftAt: null,
    reason: null,
    seq: ts,
  };
}

/**
 * A person who connected with a token the bot minted for them (join page, console) attended the
 * meeting: the recordings library lets them get its recordings and lists it for them.
 */
function attendance(
  meeting: MeetingRecord,
  data: string | null | undefined,
  c: ConnectionRecord,
): StoreWrite[] {
  const who = parseConnectionData(data);
  if (!who || who.kind !== 'user' || who.platform !== meeting.platform) return [];
  return [
    {
      kind: 'attend',
      meetingId: meeting.id,
      platform: meeting.platform,
      userId: who.userId,
      name: who.name,
      at: c.joinedAt,
    },
  ];
}

/** The store writes of a session monitoring event (none for events that carry no participant). */
export function sessionWrites(meeting: MeetingRecord, e: SessionEvent): StoreWrite[] {
  const ts = e.timestamp;
  switch (e.event) {
    case 'connectionCreated': {
      if (!e.connection) return [];
      const record = connectionFrom(meeting.id, e.connection, ts);
      return [{ kind: 'connection', record }, ...attendance(meeting, e.connection.data, record)];
    }
    case 'connectionDestroyed': {
      if (!e.connection) return [];
      const left = connectionFrom(meeting.id, e.connection, ts);
      return [
        {
          kind: 'connection',
          record: { ...left, leftAt: ts, reason: e.reason ?? null, seq: presenceSeq(true, ts) },
        },
      ];
    }
    case 'streamCreated':
    case 'streamDestroyed': {
      if (!e.stream) return [];
      const s = e.stream;
      const destroyed = e.event === 'streamDestroyed';
      const phone = parseConnectionData(s.connection.data)?.kind === 'sip';
      const stream: StoreWrite = {
        kind: 'stream',
        record: {
          meetingId: meeting.id,
          streamId: s.id,
          connectionId: s.connection.id,
          videoType: s.videoType ?? null,
          name: s.name ?? '',
          // A mute-all in force also mutes streams published later, except phone legs: those obey it
          // only when dialled with observeForceMute, and then a muteForced event says so.
          muted: meeting.muteAll && !phone,
          createdAt: s.createdAt ?? ts,
          destroyedAt: destroyed ? ts : null,
          reason: destroyed ? (e.reason ?? null) : null,
          seq: presenceSeq(destroyed, ts),
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
