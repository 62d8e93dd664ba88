import { randomBytes } from 'node:crypto';
import type { MeetingRecord, RoomRecord } from '../store/types.js';

// Every meeting held in a room uses the room's session and starts with the room's settings, whoever
// opens it: `/video start`, `/video join`, or the first person connecting (src/events/apply-room.ts).

/** A new short key (room or meeting): URL-safe and unguessable. */
export function newRoomKey(): string {
  return randomBytes(8).toString('base64url').slice(0, 10);
}

/** Who opens a room's meeting, and how it is called. */
export interface RoomMeetingOpener {
  id: string;
  hostId: string;
  hostName: string;
  /** The meeting's title (default: the room's). */
  title?: string;
  now: number;
}

/** The meeting record of a new meeting in `room`. */
export function roomMeeting(room: RoomRecord, o: RoomMeetingOpener): Omit<MeetingRecord, 'version'> {
  return {
    id: o.id,
    sessionId: room.sessionId,
    platform: room.platform,
    teamId: room.teamId,
    channelId: room.channelId,
    title: o.title || room.title,
    hostId: o.hostId,
    hostName: o.hostName,
    status: 'active',
    options: { relayed: false, autoRecord: room.autoRecord, e2ee: room.e2ee },
    muteAll: false,
    layout: room.layout ? { type: room.layout } : null,
    createdAt: o.now,
    endedAt: null,
  };
}
