// SIP, DTMF and Audio Connector methods of the OpenTok compatibility layer: the official checks, and
// options normalised the way the SDK builds its request body (truthy flags become true).
import { ArgumentError, plainError } from './opentok-errors.js';
import { obj, refuse, settle, split, type Callback, type Core } from './opentok-support.js';
import type { DialOptions, WebsocketOptions } from './types.js';

type Cb = Callback<never, never> | Callback<unknown> | undefined;
const empty = (v: unknown) => v === null || v === undefined || (v as { length?: number }).length === 0;
const plainObject = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);

/** dial(sessionId, token, sipUri, options?, cb). */
export function dial(c: Core, sessionId: unknown, token: unknown, sipUri: unknown, args: unknown[]) {
  const [[o], cb] = split(args);
  if (empty(sessionId)) return refuse(cb, new ArgumentError('No session ID given'));
  if (empty(token)) return refuse(cb, new ArgumentError('No token given'));
  if (empty(sipUri)) return refuse(cb, new ArgumentError('No SIP URI given'));
  const f = obj(o) ?? {};
  const opts: DialOptions = {
    headers: plainObject(f.headers) as DialOptions['headers'],
    auth: plainObject(f.auth) as DialOptions['auth'],
    secure: f.secure ? true : undefined,
    from: f.from ? String(f.from) : undefined,
    video: f.video ? true : undefined,
    observeForceMute: f.observeForceMute ? true : undefined,
    streams: f.streams ? (f.streams as string[]) : undefined,
  };
  const p = c.client.dial(sessionId as string, token as string, sipUri as string, opts);
  return settle(c, 'dial', p, cb);
}

/** playDTMF(sessionId, connectionId?, digits, cb). */
export function playDTMF(c: Core, sessionId: unknown, connectionId: unknown, digits: unknown, cb: Cb) {
  if (!sessionId || typeof sessionId !== 'string')
    return refuse(cb, plainError('Invalid arguments -- must provide a sessionId string.'));
  if (connectionId && typeof connectionId !== 'string')
    return refuse(cb, plainError('Invalid arguments -- connectionId must be a string.'));
  const to = connectionId ? (connectionId as string) : null;
  return settle(c, 'playDTMF', c.client.playDTMF(sessionId, to, digits as string), cb);
}

/** websocketConnect(sessionId, token, websocketUri, options?, cb); audioRate is sent (the SDK drops it). */
export function websocketConnect(c: Core, sessionId: unknown, token: unknown, uri: unknown, args: unknown[]) {
  const [[o], cb] = split(args);
  if (empty(sessionId)) return refuse(cb, plainError('No sessionId given to websocketConnect'));
  if (empty(token)) return refuse(cb, plainError('No token given to websocketConnect'));
  if (empty(uri)) return refuse(cb, plainError('No websocketUri given to websocketConnect'));
  const f = obj(o) ?? {};
  const opts: WebsocketOptions = {
    streams: Array.isArray(f.streams) ? (f.streams as string[]) : undefined,
    headers: f.headers && typeof f.headers === 'object' ? (f.headers as Record<string, string>) : undefined,
    audioRate: f.audioRate as WebsocketOptions['audioRate'],
    bidirectional: f.bidirectional ? true : undefined,
  };
  const p = c.client.websocketConnect(sessionId as string, token as string, uri as string, opts);
  return settle(c, 'websocketConnect', p, cb);
}
