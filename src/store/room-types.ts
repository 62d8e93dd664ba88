// Channel rooms in the store: one long-lived Video session per channel, reused by every meeting held
// in it, with the settings its meetings start with, where its link is pinned, and its idle timer.

import type { Platform } from '../chat.js';

/** What every meeting of a room starts with. */
export interface RoomSettings {
  /** Layout type of the room's recordings and live streams (null: the Video API's default). */
  layout: string | null;
  autoRecord: boolean;
  e2ee: boolean;
  /** BCP-47 language of live captions, e.g. `en-US` (null: none chosen). */
  captionsLanguage: string | null;
}

/** A channel's room. `id` is the stable key of its join address `/join/room/<id>`. */
export interface RoomRecord extends RoomSettings {
  id: string;
  platform: Platform;
  teamId: string;
  channelId: string;
  sessionId: string;
  title: string;
  createdBy: string;
  createdByName: string;
  createdAt: number;
  /** Where the room link is pinned: the Slack bookmark ID or the Discord message ID (null: nowhere). */
  linkRef: string | null;
  /** When the room's meeting ends unless someone comes back (null: not idle). */
  idleEndAt: number | null;
}

/** The room writes of a unit of work (see Store.commit). */
export type RoomWrite =
  /** Inserts a room; not applied when the channel (or the session) already has one. */
  | { kind: 'createRoom'; room: Omit<RoomRecord, 'linkRef' | 'idleEndAt'> }
  /** Removes a room; its past meetings stay. Not applied when it is gone already. */
  | { kind: 'deleteRoom'; id: string }
  /** Remembers where the room link is pinned (null: nowhere). */
  | { kind: 'roomLink'; id: string; linkRef: string | null }
  /**
   * Sets (a time) or clears (null) the room's idle end; a set or clear drops any claim on the old
   * timer. Not applied when the room is unknown or already in that state.
   */
  | { kind: 'roomIdle'; id: string; endAt: number | null }
  /** Clears the idle end that fired (only if it is still `endAt`: a newer one set meanwhile stays). */
  | { kind: 'finishRoomIdle'; id: string; endAt: number };

/** The room part of the Store. */
export interface RoomMethods {
  getRoom(id: string): Promise<RoomRecord | null>;
  getRoomInChannel(platform: Platform, teamId: string, channelId: string): Promise<RoomRecord | null>;
  getRoomBySession(sessionId: string): Promise<RoomRecord | null>;
  /** Rooms with an active meeting and no idle end set (the idle sweep checks whether anyone is in them). */
  listBusyRooms(limit: number): Promise<RoomRecord[]>;
  /** Rooms whose idle end is at or before `untilMs` and that nobody holds (or held at or before `staleBefore`). */
  dueRoomIdles(untilMs: number, staleBefore: number, limit: number): Promise<RoomRecord[]>;
  /** When the next idle end can run (a held one: when its claim goes stale); null when none. */
  nextRoomIdleAt(staleMs: number): Promise<number | null>;
  /** Claims the room's idle end `endAt` for `owner`; true for exactly one caller across replicas. */
  claimRoomIdle(id: string, endAt: number, owner: string, now: number, staleBefore: number): Promise<boolean>;
}
