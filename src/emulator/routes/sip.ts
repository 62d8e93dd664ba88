import { HttpError, type Router } from '../http.js';
import { newId } from '../ids.js';
import { joinSession, leaveSession, publishStream } from '../meeting.js';
import { TokenError, verifyClientToken, type TokenGrant } from '../tokens.js';
import type { SessionRecord, SipCallRecord } from '../types.js';
import { objectBody, optBool, optObject, optString, optStringArray, reqString } from '../validate.js';
import type { World } from '../world.js';
import { authed, P, type Api } from './context.js';

// SIP dial-out (the call joins as a connection with a stream; hang up = force disconnect) and the
// Audio Connector (a WebSocket leg that joins as a connection; stopped via .../connect/{connectionId}/stop).
// The emulator does not open the SIP or WebSocket legs: it models them as session connections.

async function joinable(
  world: World,
  projectId: string,
  sessionId: string,
  token: string,
): Promise<{ session: SessionRecord; grant: TokenGrant }> {
  const session = world.session(projectId, sessionId);
  if (session.mediaMode !== 'routed')
    throw new HttpError(409, 'SIP and Audio Connector need a routed session; this session is relayed.');
  try {
    return { session, grant: await verifyClientToken(world.creds, token, sessionId) };
  } catch (err) {
    throw err instanceof TokenError ? new HttpError(400, `Invalid token: ${err.message}`) : err;
  }
}

/** A dialled call rings and is answered after `timing.renderStartMs`. */
export function scheduleAnswer(world: World, call: SipCallRecord): void {
  world.soon(world.timing.renderStartMs, () => {
    if (call.state !== 'DIALING') return;
    call.state = 'ACTIVE';
    const ref = { id: call.id, connectionId: call.connectionId, createdAt: call.createdAt };
    world.emit(call.sessionId, { event: 'callUpdated', state: 'RINGING', call: ref });
    world.emit(call.sessionId, { event: 'callUpdated', state: 'ACTIVE', call: ref });
  });
}

/** Registers the SIP dial and Audio Connector routes. */
export function sipRoutes(router: Router, api: Api): void {
  const { world } = api;

  router.add(
    'POST',
    `${P}/dial`,
    authed(api, async (ctx, projectId) => {
      const body = objectBody(ctx.body);
      const sessionId = reqString(body, 'sessionId');
      const token = reqString(body, 'token');
      const sip = optObject(body, 'sip');
      if (!sip) throw new HttpError(400, 'sip is required and must be an object with a uri.');
      const uri = reqString(sip, 'uri', 1024);
      if (!/^sips?:[^@\s]+@[^@\s]+$/.test(uri))
        throw new HttpError(400, 'sip.uri must look like sip:user@domain.');
      const from = optString(sip, 'from', 256);
      // headers and secure are only type-checked: the emulator places no real call.
      optObject(sip, 'headers');
      const auth = optObject(sip, 'auth');
      if (auth && (typeof auth.username !== 'string' || typeof auth.password !== 'string'))
        throw new HttpError(400, 'sip.auth needs a username and a password.');
      const video = optBool(sip, 'video') ?? false;
      const observeForceMute = optBool(sip, 'observeForceMute') ?? false;
      optBool(sip, 'secure');
      // Which streams the call hears (absent: all of them); each must be in the session.
      const streams = optStringArray(sip, 'streams');
      const { session, grant } = await joinable(world, projectId, sessionId, token);
      for (const id of streams ?? [])
        if (!session.streams.has(id)) throw new HttpError(400, `Stream ${id} is not in the session.`);
      const conn = joinSession(world, session, {
        kind: 'sip',
        name: from ?? uri,
        data: grant.data,
        role: 'publisher',
      });
      const stream = publishStream(world, conn, {
        videoType: video ? 'camera' : null,
        name: from ?? 'SIP call',
        hasAudio: true,
        hasVideo: video,
      });
      const call: SipCallRecord = {
        id: newId(),
        sessionId,
        connectionId: conn.id,
        streamId: stream.id,
        uri,
        from,
        observeForceMute,
        video,
        ...(streams ? { streams } : {}),
        state: 'DIALING',
        createdAt: Date.now(),
      };
      world.sipCalls.set(call.id, call);
      const ref = { id: call.id, connectionId: conn.id, createdAt: call.createdAt };
      world.emit(sessionId, { event: 'callCreated', call: ref });
      // A call dialled into a muted-all session starts muted, and is told so.
      if (observeForceMute && stream.audioMuted) world.emit(sessionId, { event: 'muteForced', call: ref });
      scheduleAnswer(world, call);
      return { status: 200, body: { id: call.id, connectionId: conn.id, streamId: stream.id } };
    }),
  );

  router.add(
    'POST',
    `${P}/connect`,
    authed(api, async (ctx, projectId) => {
      const body = objectBody(ctx.body);
      const sessionId = reqString(body, 'sessionId');
      const token = reqString(body, 'token');
      const ws = optObject(body, 'websocket');
      if (!ws) throw new HttpError(400, 'websocket is required and must be an object with a uri.');
      const uri = reqString(ws, 'uri', 2048);
      if (!/^wss?:\/\//.test(uri)) throw new HttpError(400, 'websocket.uri must be a ws:// or wss:// URL.');
      const streams = optStringArray(ws, 'streams') ?? [];
      const headers = optObject(ws, 'headers') ?? {};
      if (
        Buffer.byteLength(
          Object.entries(headers)
            .map(([k, v]) => `${k}${String(v)}`)
            .join(''),
        ) > 512
      )
        throw new HttpError(400, 'websocket.headers may total at most 512 bytes.');
      const audioRate = ws.audioRate ?? 16000;
      if (audioRate !== 8000 && audioRate !== 16000)
        throw new HttpError(400, 'websocket.audioRate must be 8000 or 16000.');
      const bidirectional = optBool(ws, 'bidirectional') ?? false;
      const { session, grant } = await joinable(world, projectId, sessionId, token);
      for (const id of streams)
        if (!session.streams.has(id)) throw new HttpError(400, `Stream ${id} is not in the session.`);
      const conn = joinSession(world, session, {
        kind: 'audio',
        name: 'Audio Connector',
        data: grant.data,
        role: 'publisher',
      });
      if (bidirectional)
        publishStream(world, conn, {
          videoType: null,
          name: 'Audio Connector',
          hasAudio: true,
          hasVideo: false,
        });
      const id = newId();
      world.audioConnections.set(id, {
        id,
        sessionId,
        connectionId: conn.id,
        uri,
        streams,
        audioRate,
        bidirectional,
        active: true,
        createdAt: Date.now(),
      });
      return { status: 200, body: { id, connectionId: conn.id } };
    }),
  );

  router.add(
    'POST',
    `${P}/connect/:id/stop`,
    authed(api, (_ctx, projectId, [id]) => {
      // The service documents the connection ID here (.NET SDK: StopAudioConnectorAsync(connectionId));
      // the Node SDK calls it callId, so the Audio Connector's own ID is accepted too.
      const leg =
        world.audioConnections.get(id ?? '') ??
        [...world.audioConnections.values()].find((l) => l.connectionId === id);
      if (!leg || world.sessions.get(leg.sessionId)?.projectId !== projectId)
        throw new HttpError(404, 'Audio connection not found.');
      if (!leg.active) throw new HttpError(409, 'The audio connection has already stopped.');
      leaveSession(world, leg.connectionId, 'clientDisconnected');
      return { status: 204 };
    }),
  );
}
