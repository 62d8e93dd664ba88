import { channelUrl, ROOM_ID } from '../rooms/links.js';
import type { JoinDeps } from './deps.js';
import { sendHtml, type JoinHandler } from './http.js';
import { escapeHtml, head, renderProblemPage } from './page.js';
import { joinProblem, type JoinProblem } from './problems.js';
import { TICKET_TTL_MS } from './tickets.js';

// GET /join/room/:room — a channel room's address, the same for every meeting held in it. It hands
// out nothing by itself: an address that never changes gets shared and bookmarked, so it must not
// let anyone in. It sends the person to the channel, where the chat platform says who they are and
// `/video join` gives them their own signed, single-use link (src/join/tickets.ts) to the meeting.

const GONE: JoinProblem = {
  code: 'unknown_meeting',
  status: 404,
  title: 'This room no longer exists',
  message: "The channel's room was removed, so its address no longer leads anywhere.",
  action: 'Ask in the channel for a new link, or start a meeting there with /video start.',
};

/** Handler for GET /join/room/:room: where to go to join the room, or why it is gone. */
export function roomPageHandler(deps: JoinDeps): JoinHandler {
  const mode = deps.emulator ? 'emulator' : 'vonage';
  return async (_req, res, params) => {
    const id = params.room ?? '';
    try {
      const room = ROOM_ID.test(id) ? await deps.store.getRoom(id) : null;
      if (!room) return sendHtml(res, GONE.status, renderProblemPage(GONE), mode);
      const meeting = await deps.store.getMeetingBySession(room.sessionId);
      const running = meeting?.status === 'active' ? meeting.title : null;
      sendHtml(res, 200, renderRoomPage(room.title, channelUrl(room), running, room.channelId), mode);
    } catch (err) {
      deps.log.error('room page: store unavailable', { err });
      const p = joinProblem('unavailable');
      sendHtml(res, p.status, renderProblemPage(p), mode);
    }
  };
}

/** The room page: the room's name, whether a meeting is on, and the way in through the channel. */
export function renderRoomPage(
  title: string,
  channel: string | null,
  running: string | null,
  channelId: string,
): string {
  const minutes = Math.round(TICKET_TTL_MS / 60_000);
  const open = channel
    ? `<a class="button primary" id="open-channel" href="${escapeHtml(channel)}" rel="noopener">Open the channel</a>`
    : `<p>Go to the console's <strong>#${escapeHtml(channelId)}</strong> channel.</p>`;
  return `${head(title)}
<body data-state="room">
<main class="problem-page">
  <h1>${escapeHtml(title)}</h1>
  <p id="room-status">${running ? `<strong>${escapeHtml(running)}</strong> is on now.` : 'Nobody is in the room right now; the first person to join opens it.'}</p>
  <p>This room belongs to a chat channel. Join from the channel, so the meeting knows who you are: type <code>/video join</code> there and you get your own link (it works once, for ${minutes} minutes).</p>
  <p class="action">${open}</p>
</main>
</body>
</html>
`;
}
