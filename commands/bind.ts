import type { Place } from '../src/chat.js';
import type { MeetingRecord } from '../src/store/types.js';

// A card's controls carry only the meeting's short key, and a key can be copied into a request from
// somewhere else (another channel, another workspace or guild, another platform, a Slack Connect
// channel shared with another workspace). So every control is checked against the place of the
// meeting it names: the request must come from that meeting's platform, workspace or guild, and
// channel. Slash commands need no check: they find the meeting by their own place.

/** The sentence a control used outside its meeting's channel gets. */
export const ELSEWHERE =
  "That control belongs to a meeting in another channel; use the card in this channel's meeting.";

/** Why a request from `place` may not act on `meeting`, or null when it may (the meeting's own channel). */
export function placeMismatch(meeting: MeetingRecord, place: Place): string | null {
  if (meeting.platform !== place.platform)
    return `issued on ${place.platform}, meeting on ${meeting.platform}`;
  if (meeting.teamId !== place.teamId) return 'issued from another workspace or server';
  if (meeting.channelId !== place.channelId) return 'issued from another channel';
  return null;
}
