// The recordings library in the store: who attended a meeting (by chat identity), each channel's
// recordings after its meetings ended, the meetings a person hosted or attended, and the retention
// sweep's marks. Writes are StoreWrites (one unit of work with the rest); reads are here.

import type { Platform } from '../chat.js';
import type { MeetingRecord, RecordingRecord } from './types.js';

/** A recording with the meeting it was made in (the library lists recordings across meetings). */
export interface LibraryItem {
  recording: RecordingRecord;
  meeting: MeetingRecord;
}

/** One page of a channel's recordings, newest first, and how many there are in all. */
export interface LibraryPage {
  items: LibraryItem[];
  total: number;
}

/** Which of a channel's recordings to list. */
export interface LibraryQuery {
  platform: Platform;
  teamId: string;
  channelId: string;
  /** Only this meeting's recordings. */
  meetingId?: string;
  offset: number;
  limit: number;
}

/** Library writes (applied through {@link Store.commit}). */
export type LibraryWrite =
  /** Records that a chat user attended a meeting (the first time counts; repeats are not applied). */
  | { kind: 'attend'; meetingId: string; platform: Platform; userId: string; name: string; at: number }
  /**
   * Marks a recording deleted by the retention sweep after `days` days (its archive was deleted from
   * the Video API); not applied when it was already marked.
   */
  | { kind: 'expireRecording'; id: string; at: number; days: number };

/** Library reads. */
export interface LibraryMethods {
  /**
   * A channel's recordings, newest first: every meeting's (ended ones too), without those deleted
   * by hand; those deleted by retention stay listed with their mark.
   */
  listChannelRecordings(q: LibraryQuery): Promise<LibraryPage>;
  /** Recordings whose ID starts with `prefix` in a workspace or guild (at most `limit`), newest first. */
  findRecordings(platform: Platform, teamId: string, prefix: string, limit: number): Promise<LibraryItem[]>;
  /** The channel's most recent meeting, active or ended (null when it never had one). */
  getLatestMeetingInChannel(
    platform: Platform,
    teamId: string,
    channelId: string,
  ): Promise<MeetingRecord | null>;
  /** Whether the chat user attended the meeting (joined through the bot or connected with its token). */
  hasAttended(meetingId: string, userId: string): Promise<boolean>;
  /** Meetings in a workspace or guild the person hosted or attended, newest first. */
  listPersonMeetings(
    platform: Platform,
    teamId: string,
    userId: string,
    limit: number,
  ): Promise<MeetingRecord[]>;
  /**
   * Recordings created before `before` whose archive may still exist at the Video API (neither
   * running nor deleted), oldest first: what the retention sweep deletes.
   */
  listExpiredRecordings(before: number, limit: number): Promise<LibraryItem[]>;
}
