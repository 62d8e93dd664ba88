// Checks for session creation and the realtime calls: signals, DTMF, SIP dial, WebSocket audio,
// stream class lists.
import type {
  DialOptions,
  SessionOptions,
  SignalPayload,
  StreamClassList,
  WebsocketOptions,
} from './types.js';
import { RESOLUTIONS } from './validate-media.js';
import {
  fail,
  id,
  ipv4,
  maxChars,
  oneOf,
  optBool,
  optString,
  stringArray,
  stringRecord,
  url,
} from './validate.js';

const SIGNAL_DATA_BYTES = 8 * 1024;

/** Checks createSession options. */
export function sessionOptions(o: SessionOptions | undefined): void {
  if (o === undefined) return;
  if (!o || typeof o !== 'object') fail('session options must be an object.');
  oneOf(o.mediaMode, 'mediaMode', ['routed', 'relayed']);
  oneOf(o.archiveMode, 'archiveMode', ['manual', 'always']);
  if (o.archiveMode === 'always' && o.mediaMode !== 'routed')
    fail('archiveMode always requires mediaMode routed.');
  ipv4(o.location, 'location');
  maxChars(o.archiveName, 'archiveName', 80);
  oneOf(o.archiveResolution, 'archiveResolution', RESOLUTIONS);
  optBool(o.e2ee, 'e2ee');
  if (o.e2ee && o.mediaMode !== 'routed') fail('e2ee requires mediaMode routed.');
}

/** Checks a signal payload: data at most 8 kB (UTF-8), type at most 128 characters. */
export function signalPayload(p: SignalPayload): void {
  if (!p || typeof p !== 'object') fail('signal payload must be an object with data.');
  if (typeof p.data !== 'string') fail('signal data must be a string.');
  if (Buffer.byteLength(p.data, 'utf8') > SIGNAL_DATA_BYTES)
    fail('signal data must be at most 8 kB (8192 bytes).');
  maxChars(p.type, 'signal type', 128);
}

/** Checks DTMF digits: only 0-9, *, # and p. */
export function dtmfDigits(digits: unknown): void {
  if (typeof digits !== 'string' || !/^[0-9*#p]+$/.test(digits))
    fail('digits must be one or more of 0-9, *, # and p.');
}

/** Checks an optional connection ID and returns its path segment ('' when absent). */
export function optConnection(connectionId: string | null | undefined): string {
  if (connectionId === null || connectionId === undefined || connectionId === '') return '';
  return '/connection/' + id(connectionId, 'connectionId');
}

function token(value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) fail('token must be a non-empty string.');
}

/** Checks dial arguments. */
export function dialArgs(tok: unknown, sipUri: unknown, o: DialOptions | undefined): void {
  token(tok);
  if (typeof sipUri !== 'string' || !/^sips?:[^\s]+$/i.test(sipUri))
    fail('sipUri must be a sip: or sips: URI.');
  if (o === undefined) return;
  if (!o || typeof o !== 'object') fail('dial options must be an object.');
  stringRecord(o.headers, 'headers');
  if (o.auth !== undefined) {
    if (!o.auth || typeof o.auth !== 'object') fail('auth must be an object with username and password.');
    optString(o.auth.username, 'auth.username');
    if (typeof o.auth.password !== 'string') fail('auth.password must be a string.');
  }
  optBool(o.secure, 'secure');
  optBool(o.video, 'video');
  optBool(o.observeForceMute, 'observeForceMute');
  optString(o.from, 'from');
  stringArray(o.streams, 'streams');
}

/** Checks websocketConnect arguments: ws(s) URI, headers at most 512 bytes, audioRate. */
export function websocketArgs(tok: unknown, uri: unknown, o: WebsocketOptions | undefined): void {
  token(tok);
  url(uri, 'websocketUri', ['wss:', 'ws:']);
  if (o === undefined) return;
  if (!o || typeof o !== 'object') fail('websocket options must be an object.');
  stringArray(o.streams, 'streams');
  stringRecord(o.headers, 'headers');
  if (o.headers) {
    let bytes = 0;
    for (const [k, v] of Object.entries(o.headers)) bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
    if (bytes > 512) fail('headers must total at most 512 bytes of keys and values.');
  }
  oneOf(o.audioRate, 'audioRate', [8000, 16000]);
  optBool(o.bidirectional, 'bidirectional');
}

/** Checks a stream class list array. */
export function classLists(lists: StreamClassList[]): void {
  if (!Array.isArray(lists) || lists.length === 0) fail('classLists must be a non-empty array.');
  lists.forEach((l, i) => {
    if (!l || typeof l !== 'object') fail(`classLists[${i}] must be an object with id and layoutClassList.`);
    id(l.id, `classLists[${i}].id`);
    if (
      !Array.isArray(l.layoutClassList) ||
      l.layoutClassList.some((c) => typeof c !== 'string' || /\s/.test(c) || c === '')
    ) {
      fail(`classLists[${i}].layoutClassList must be an array of class names without spaces.`);
    }
  });
}
