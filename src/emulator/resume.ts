import { archiveMediaUrl, armArchiveTimers, scheduleAvailable } from './archiving.js';
import { armBroadcast, hlsUrl } from './broadcasting.js';
import { stopCaptionRun } from './captioning.js';
import { armRenderTimeout, scheduleRenderStart } from './rendering.js';
import { scheduleAnswer } from './routes/sip.js';
import { archiveJson, broadcastJson } from './serialize.js';
import { startTranscription } from './transcription.js';
import type { World } from './world.js';

// After a restart the loaded records carry on where they were: what was on its way (an archive
// becoming available, outputs going live, a render starting, a call being answered) happens, and
// maxDuration stops count from the real start. Clients that heartbeat get a fresh timeout window.

/** Re-arms every timer of a freshly loaded world; `previousUrl` is the base URL it was saved under. */
export function resumeWorld(world: World, previousUrl: string): void {
  const now = Date.now();
  const url = world.baseUrl();
  const rebase = (u: string | null) =>
    u && previousUrl && u.startsWith(previousUrl) ? url + u.slice(previousUrl.length) : u;
  for (const a of world.archives.values()) {
    if (a.status === 'stopped') scheduleAvailable(world, a);
    if (a.status === 'available') a.url = archiveMediaUrl(world, a.id);
    const t = a.transcription;
    if (t) t.url = rebase(t.url);
    if (a.status === 'available' && t?.status === 'started') {
      t.status = 'requested';
      startTranscription(world, a, () =>
        world.emit(a.sessionId, { ...archiveJson(a, world.sessions.get(a.sessionId)), event: 'archive' }),
      );
    }
  }
  for (const c of world.captions.values()) {
    if (c.status !== 'started') continue;
    const left = c.createdAt + c.maxDuration * world.timing.secondMs - now;
    c.cancelTimer = world.later(Math.max(0, left), () => stopCaptionRun(world, c, 'Max Duration Exceeded'));
  }
  for (const b of world.broadcasts.values()) {
    const moved = b.hls !== undefined && previousUrl !== url;
    if (b.hls) b.hls.url = hlsUrl(url, b.id);
    if (b.status !== 'started') continue;
    armBroadcast(world, b);
    // The playlist moved with the emulator's port: tell the bot, as a status change would.
    if (moved) {
      b.updatedAt = Math.max(now, b.updatedAt + 1);
      const appId = world.creds.isApplication(b.projectId) ? b.projectId : undefined;
      world.emit(b.sessionId, {
        ...broadcastJson(b, world.sessions.get(b.sessionId), appId),
        event: 'broadcast',
      });
    }
  }
  for (const r of world.renders.values()) {
    if (r.status === 'starting') scheduleRenderStart(world, r);
    if (r.status === 'started') armRenderTimeout(world, r);
  }
  for (const c of world.sipCalls.values()) if (c.state === 'DIALING') scheduleAnswer(world, c);
  for (const session of world.sessions.values()) {
    for (const conn of session.connections.values()) {
      if (conn.heartbeatAt === undefined) continue;
      conn.heartbeatAt = now;
      world.monitored.add(conn.id);
      world.feeds.open(conn.id);
    }
    armArchiveTimers(world, session);
  }
}
