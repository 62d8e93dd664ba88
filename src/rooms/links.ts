import type { Place } from '../chat.js';

// A room's addresses: its stable join page, and the chat channel where a person proves who they are
// (they run `/video join` there and get their own single-use link).

/** The room's stable join page: `<PUBLIC_URL>/join/room/<id>`. */
export function roomUrl(publicUrl: string, roomId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/join/room/${encodeURIComponent(roomId)}`;
}

/** A link that opens the room's channel in the chat app, or null where there is none (the console). */
export function channelUrl(place: Place): string | null {
  const team = encodeURIComponent(place.teamId);
  const channel = encodeURIComponent(place.channelId);
  switch (place.platform) {
    case 'slack':
      return `https://slack.com/app_redirect?team=${team}&channel=${channel}`;
    case 'discord':
      return `https://discord.com/channels/${team}/${channel}`;
    case 'shell':
      return null;
  }
}

/** Room IDs (and the IDs of meetings a room opens) are 10 URL-safe characters. */
export const ROOM_ID = /^[A-Za-z0-9_-]{6,64}$/;
