import type { ClientPoll } from './client-feed.js';
import { HttpError } from './http.js';
import { heartbeat } from './liveness.js';
import { joinSession, leaveSession, publishStream, unpublishStream } from './meeting.js';
import { archiveJson, broadcastJson, renderJson } from './serialize.js';
import { TokenError, verifyClientToken } from './tokens.js';
import type { SessionSnapshot } from './types.js';
import type { World } from './world.js';

// Driving a meeting as its clients would: shared by the in-process Emulator object and the
// HTTP control API under /_emulator/.

/** Options of a published stream. */
export interface PublishOptions {
  videoType?: 'camera' | 'screen';
  name?: string;
  hasAudio?: boolean;
  hasVideo?: boolean;
}

/** Client-side actions on the emulated service. */
export class Control {
  constructor(private readonly world: World) {}

  /** Connects a client after verifying its token (signature, session, expiry, role). */
  async connect(
    sessionId: string,
    token: string,
    opts: { name?: string; heartbeat?: boolean } = {},
  ): Promise<{ connectionId: string; data: string }> {
    if (typeof sessionId !== 'string' || !this.world.sessions.has(sessionId))
      throw new HttpError(404, 'Session not found.');
    let grant;
    try {
      grant = await verifyClientToken(this.world.creds, token, sessionId);
    } catch (err) {
      if (err instanceof TokenError) throw new HttpError(401, err.message);
      throw err;
    }
    const session = this.world.sessions.get(sessionId);
    if (!session) throw new HttpError(404, 'Session not found.');
    if (opts.name !== undefined && typeof opts.name !== 'string')
      throw new HttpError(400, 'name must be a string.');
    const conn = joinSession(this.world, session, {
      kind: 'client',
      name: opts.name,
      data: grant.data,
      role: grant.role,
      classList: grant.layoutClassList,
      heartbeat: opts.heartbeat === true,
    });
    return { connectionId: conn.id, data: conn.data };
  }

  /**
   * What the client of a heartbeat connection hears, after event `after`, waiting up to `waitMs`
   * (at most a third of the connection timeout, so polling keeps the connection alive). Counts as a
   * heartbeat; 404 for a connection that keeps no events.
   */
  async events(
    connectionId: string,
    opts: { after: number; epoch?: string; waitMs: number; signal?: AbortSignal },
  ): Promise<ClientPoll> {
    if (this.world.connectionIndex.has(connectionId)) heartbeat(this.world, connectionId);
    const waitMs = Math.max(0, Math.min(opts.waitMs, this.world.timing.connectionTimeoutMs / 3));
    const poll = await this.world.feeds.poll(connectionId, { ...opts, waitMs });
    if (!poll)
      throw new HttpError(404, 'This connection keeps no client events (connect with heartbeat: true).');
    if (poll.connected && this.world.connectionIndex.has(connectionId)) heartbeat(this.world, connectionId);
    return poll;
  }

  /** Publishes a camera or screen stream for a connection. */
  publish(connectionId: string, opts: PublishOptions = {}): { streamId: string } {
    const session = this.world.sessions.get(this.world.connectionIndex.get(connectionId) ?? '');
    const conn = session?.connections.get(connectionId);
    if (!conn) throw new HttpError(404, 'Connection not found.');
    if (opts.videoType !== undefined && opts.videoType !== 'camera' && opts.videoType !== 'screen')
      throw new HttpError(400, 'videoType must be camera or screen.');
    for (const key of ['hasAudio', 'hasVideo'] as const) {
      if (opts[key] !== undefined && typeof opts[key] !== 'boolean')
        throw new HttpError(400, `${key} must be true or false.`);
    }
    if (opts.name !== undefined && typeof opts.name !== 'string')
      throw new HttpError(400, 'name must be a string.');
    if (conn.role === 'subscriber') throw new HttpError(403, 'A subscriber token cannot publish.');
    return { streamId: publishStream(this.world, conn, opts).id };
  }

  /** Stops publishing a stream (reason defaults to clientDisconnected). */
  unpublish(streamId: string, reason?: string): void {
    unpublishStream(this.world, streamId, reason);
  }

  /** Disconnects a client (reason defaults to clientDisconnected). */
  disconnect(connectionId: string, reason?: string): void {
    leaveSession(this.world, connectionId, reason);
  }

  /** Everything the emulator knows about one session. */
  snapshot(sessionId: string): SessionSnapshot {
    const w = this.world;
    const session = w.sessions.get(sessionId);
    if (!session) throw new HttpError(404, 'Session not found.');
    const appId = w.creds.isApplication(session.projectId) ? session.projectId : undefined;
    const mine = <T extends { sessionId: string }>(m: Map<string, T>): T[] =>
      [...m.values()].filter((x) => x.sessionId === sessionId);
    return {
      sessionId,
      projectId: session.projectId,
      mediaMode: session.mediaMode,
      archiveMode: session.archiveMode,
      connections: [...session.connections.values()].map((c) => ({
        ...c,
        streamIds: [...c.streamIds],
        classList: [...c.classList],
      })),
      streams: [...session.streams.values()].map((s) => ({ ...s, layoutClassList: [...s.layoutClassList] })),
      archives: mine(w.archives).map((a) => archiveJson(a, session)),
      broadcasts: mine(w.broadcasts).map((b) => broadcastJson(b, session, appId)),
      renders: mine(w.renders).map((r) => renderJson(r, appId)),
      sipCalls: mine(w.sipCalls).map((c) => ({ ...c })),
      audioConnections: mine(w.audioConnections).map((a) => ({ ...a, streams: [...a.streams] })),
      muteAll: { active: session.muteAll.active, excludedStreamIds: [...session.muteAll.excludedStreamIds] },
    };
  }
}
