// Telephony and media-out calls: SIP dial, DTMF, Audio Connector WebSocket.
import { type Ctx, jsonParser } from './context.js';
import {
  AudioConnectionSchema,
  SipCallSchema,
  type AudioConnection,
  type CallOptions,
  type DialOptions,
  type SipCall,
  type WebsocketOptions,
} from './types.js';
import { dialArgs, dtmfDigits, optConnection, websocketArgs } from './validate-session.js';
import { id, sessionId } from './validate.js';

const parseSipCall = jsonParser(SipCallSchema);
const parseAudioConnection = jsonParser(AudioConnectionSchema);

/** Dials a SIP URI into a session; body fields follow the official SDK (false flags omitted). */
export function dial(
  ctx: Ctx,
  sid: string,
  token: string,
  sipUri: string,
  o: DialOptions = {},
  call?: CallOptions,
): Promise<SipCall> {
  sessionId(sid);
  dialArgs(token, sipUri, o);
  const sip: Record<string, unknown> = { uri: sipUri };
  if (o.headers) sip.headers = o.headers;
  if (o.auth) sip.auth = { username: o.auth.username, password: o.auth.password };
  if (o.secure) sip.secure = true;
  if (o.from) sip.from = String(o.from);
  if (o.video) sip.video = true;
  if (o.observeForceMute) sip.observeForceMute = true;
  if (o.streams) sip.streams = o.streams;
  const body = JSON.stringify({ sessionId: sid, token, sip });
  return ctx.transport.send(
    { method: 'POST', path: `${ctx.p}/dial`, body, idempotent: false, what: 'session', parse: parseSipCall },
    call,
  );
}

/** Plays DTMF digits to a session or one connection. */
export function playDTMF(
  ctx: Ctx,
  sid: string,
  connectionId: string | null,
  digits: string,
  call?: CallOptions,
): Promise<void> {
  const path = `${ctx.p}/session/${sessionId(sid)}${optConnection(connectionId)}/play-dtmf`;
  dtmfDigits(digits);
  return ctx.transport.send(
    {
      method: 'POST',
      path,
      body: JSON.stringify({ digits }),
      idempotent: false,
      what: 'session or connection',
    },
    call,
  );
}

/** Connects session audio to a WebSocket (Audio Connector); sends audioRate, which the SDK drops. */
export function websocketConnect(
  ctx: Ctx,
  sid: string,
  token: string,
  uri: string,
  o: WebsocketOptions = {},
  call?: CallOptions,
): Promise<AudioConnection> {
  sessionId(sid);
  websocketArgs(token, uri, o);
  const websocket: Record<string, unknown> = { uri };
  if (Array.isArray(o.streams)) websocket.streams = o.streams;
  if (o.headers) websocket.headers = o.headers;
  if (o.audioRate) websocket.audioRate = o.audioRate;
  if (o.bidirectional) websocket.bidirectional = true;
  const body = JSON.stringify({ sessionId: sid, token, websocket });
  return ctx.transport.send(
    {
      method: 'POST',
      path: `${ctx.p}/connect`,
      body,
      idempotent: false,
      what: 'session',
      parse: parseAudioConnection,
    },
    call,
  );
}

/** Stops an Audio Connector: Vonage `POST connect/{id}/stop`; OpenTok force-disconnects its connection. */
export function disconnectWebsocket(
  ctx: Ctx,
  sid: string,
  connectionId: string,
  call?: CallOptions,
): Promise<void> {
  const sidPath = sessionId(sid);
  const cid = id(connectionId, 'connectionId');
  if (ctx.kind === 'application') {
    return ctx.transport.send(
      { method: 'POST', path: `${ctx.p}/connect/${cid}/stop`, idempotent: true, what: 'audio connection' },
      call,
    );
  }
  const path = `${ctx.p}/session/${sidPath}/connection/${cid}`;
  return ctx.transport.send(
    { method: 'DELETE', path, idempotent: true, what: 'session or connection' },
    call,
  );
}
