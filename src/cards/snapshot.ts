import type { MeetingSnapshot, Store } from '../store/types.js';

export type { MeetingSnapshot } from '../store/types.js';

/** Loads a meeting and its participants and media (null when the meeting is unknown). */
export function loadSnapshot(store: Store, meetingId: string): Promise<MeetingSnapshot | null> {
  return store.getMeetingSnapshot(meetingId);
}
