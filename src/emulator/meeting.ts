import { armArchiveTimers, refreshArchives, startAlwaysArchive } from './archiving.js';
import { HttpError } from './http.js';
import { newId } from './ids.js';
import { emitRender, markRenderStopped } from './render-events.js';
import { connectionEventJson, streamEventJson } from './serialize.js';
import type { ConnectionKind, ConnectionRecord, SessionRecord, StreamRecord } from './types.js';
import type { World } from './world.js';

// What clients do inside a session (join, publish, unpublish, leave) and the session-monitoring
// callbacks each step sends. REST moderation, SIP, Audio Connector and renders all go through here.

/** Reasons a stream may end with (session monitoring `streamDestroyed.reason`). */
export const STREAM_REASONS = [
  'clientDisconnected',
  'forceDisconnected',
  'forceUnpublished',
  'mediaStopped',
  'networkDisconnected',
];
/** Reasons a connection may end with (`connectionDestroyed.reason`). */
export const CONNECTION_REASONS = ['clientDisconnected', 'forceDisconnected', 'networkDisconnected'];

/** Adds a connection to a session and announces it. */
export function joinSession(
  world: World,
  session: SessionRecord,
  opts: {
    kind: ConnectionKind;
    name?: string;
    data: string;
    role: string;
    classList?: string[];
    /** The client sends heartbeats (and hears about its own connection); it times out without them. */
    heartbeat?: boolean;
  },
): ConnectionRecord {
  const conn: ConnectionRecord = {
    id: newId(),
    sessionId: session.id,
    kind: opts.kind,
    name: opts.name ?? '',
    data: opts.data,
    role: opts.role,
    createdAt: Date.now(),
    streamIds: [],
    classList: opts.classList ?? [],
    ...(opts.heartbeat ? { heartbeatAt: Date.now() } : {}),
  };
  if (opts.heartbeat) {
    world.monitored.add(conn.id);
    world.feeds.open(conn.id);
  }
  const first = session.connections.size === 0;
  session.connections.set(conn.id, conn);
  world.connectionIndex.set(conn.id, session.id);
  if (first) world.emit(session.id, { event: 'sessionCreated' });
  world.emit(session.id, { event: 'connectionCreated', connection: connectionEventJson(conn) });
  if (first) startAlwaysArchive(world, session);
  armArchiveTimers(world, session);
  return conn;
}

/** Publishes a stream for a connection; a subscriber token cannot publish. */
export function publishStream(
  world: World,
  conn: ConnectionRecord,
  opts: {
    videoType?: 'camera' | 'screen' | null;
    name?: string;
    hasAudio?: boolean;
    hasVideo?: boolean;
    layoutClassList?: string[];
  },
): StreamRecord {
  if (conn.role === 'subscriber') throw new HttpError(403, 'A subscriber token cannot publish.');
  const session = world.sessions.get(conn.sessionId)!;
  const hasVideo = opts.hasVideo ?? opts.videoType !== null;
  const stream: StreamRecord = {
    id: newId(),
    connectionId: conn.id,
    sessionId: session.id,
    videoType: hasVideo ? (opts.videoType ?? 'camera') : null,
    name: opts.name ?? conn.name,
    hasAudio: opts.hasAudio ?? true,
    hasVideo,
    audioMuted: session.muteAll.active,
    layoutClassList: opts.layoutClassList ?? [...conn.classList],
    createdAt: Date.now(),
  };
  session.streams.set(stream.id, stream);
  conn.streamIds.push(stream.id);
  world.streamIndex.set(stream.id, session.id);
  world.emit(session.id, { event: 'streamCreated', stream: streamEventJson(stream, conn) });
  // A stream published while everyone is muted starts muted, and its client is told so.
  if (stream.audioMuted) world.feeds.push(conn.id, { type: 'muteForced', streamId: stream.id, all: true });
  refreshArchives(world, session);
  return stream;
}

/** Ends a stream with a reason and announces it. */
export function unpublishStream(world: World, streamId: string, reason = 'clientDisconnected'): void {
  const session = world.sessions.get(world.streamIndex.get(streamId) ?? '');
  const stream = session?.streams.get(streamId);
  if (!session || !stream) throw new HttpError(404, 'Stream not found.');
  if (!STREAM_REASONS.includes(reason))
    throw new HttpError(400, `The reason must be one of ${STREAM_REASONS.join(', ')}.`);
  const conn = session.connections.get(stream.connectionId)!;
  session.streams.delete(streamId);
  world.streamIndex.delete(streamId);
  conn.streamIds = conn.streamIds.filter((id) => id !== streamId);
  world.emit(session.id, { event: 'streamDestroyed', reason, stream: streamEventJson(stream, conn) });
  world.feeds.push(conn.id, { type: 'streamDestroyed', streamId, reason });
  refreshArchives(world, session);
}

/** Removes a connection (and its streams, with the same reason) and announces it. */
export function leaveSession(world: World, connectionId: string, reason = 'clientDisconnected'): void {
  const session = world.sessions.get(world.connectionIndex.get(connectionId) ?? '');
  const conn = session?.connections.get(connectionId);
  if (!session || !conn) throw new HttpError(404, 'Connection not found.');
  if (!CONNECTION_REASONS.includes(reason))
    throw new HttpError(400, `The reason must be one of ${CONNECTION_REASONS.join(', ')}.`);
  for (const streamId of [...conn.streamIds]) unpublishStream(world, streamId, reason);
  session.connections.delete(connectionId);
  world.connectionIndex.delete(connectionId);
  world.monitored.delete(connectionId);
  world.feeds.end(connectionId, reason);
  world.emit(session.id, { event: 'connectionDestroyed', reason, connection: connectionEventJson(conn) });
  endLegs(world, conn);
  if (session.connections.size === 0) world.emit(session.id, { event: 'sessionDestroyed', reason });
  armArchiveTimers(world, session);
}

/** A SIP call, Audio Connector or render whose connection went away ends too. */
function endLegs(world: World, conn: ConnectionRecord): void {
  if (conn.kind === 'client') return;
  for (const call of world.sipCalls.values()) {
    if (call.connectionId !== conn.id || call.state === 'HANGUP') continue;
    call.state = 'HANGUP';
    const sipCall = { id: call.id, connectionId: call.connectionId, createdAt: call.createdAt };
    world.emit(call.sessionId, { event: 'callUpdated', state: 'HANGUP', call: sipCall });
    world.emit(call.sessionId, {
      event: 'callDestroyed',
      reason_code: 700,
      reason_message: 'Normal Clearing',
      call: sipCall,
    });
  }
  for (const leg of world.audioConnections.values()) if (leg.connectionId === conn.id) leg.active = false;
  for (const render of world.renders.values()) {
    // The composer's connection is already leaving: only the render's end is left to tell.
    if (render.connectionId === conn.id && markRenderStopped(render, 'Stop Requested'))
      emitRender(world, render);
  }
}
