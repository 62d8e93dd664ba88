// Drop-in replacement for the official `opentok` package: same constructor, methods, callback
// arguments, error classes and messages, backed by VideoClient (cached auth, keep-alive, timeouts,
// validation, none of the SDK's wire bugs). Without a callback every method returns a promise.
// The deliberate differences are listed in README.md.
import { VideoClient } from './client.js';
import { VideoError } from './errors.js';
import * as A from './opentok-archives.js';
import * as B from './opentok-broadcasts.js';
import * as K from './opentok-captions.js';
import { ERROR_CLASSES } from './opentok-errors.js';
import type {
  OpenTokArchive as Arc,
  OpenTokBroadcast as Bc,
  OpenTokCallback,
  OpenTokSession,
} from './opentok-results.js';
import * as S from './opentok-sessions.js';
import {
  clientOptions,
  debugSink,
  type Callback,
  type Core,
  type OpenTokEnv,
  type Opt,
} from './opentok-support.js';
import * as P from './opentok-telephony.js';
import { compatToken } from './opentok-tokens.js';
import type * as T from './types.js';
import type * as C from './types-captions.js';

export {
  ArgumentError,
  ArchiveError,
  AuthError,
  CallbackError,
  CaptionsError,
  ForceDisconnectError,
  NotFoundError,
  RequestError,
  SignalError,
  SipError,
} from './opentok-errors.js';
export type { Callback, OpenTokEnv } from './opentok-support.js';
export type { OpenTokArchive, OpenTokBroadcast, OpenTokCallback } from './opentok-results.js';
export { OpenTokSession } from './opentok-results.js';

type Flags = { hasAudio?: boolean; hasVideo?: boolean };

/** The OpenTok server SDK API over {@link VideoClient}. */
class OpenTokClient {
  /** Errors of our own validation and transport underneath (the callbacks get the official classes). */
  static readonly VideoError = VideoError;

  readonly apiKey: string;
  /** The secret (or private key) given to the constructor; not enumerable, so logging the instance does not leak it. */
  declare readonly apiSecret: string;
  readonly apiUrl: string;
  /** The promise-based client underneath. */
  readonly client: VideoClient;
  readonly #core: Core;

  constructor(apiKey: string | number, apiSecret: string, env?: OpenTokEnv) {
    this.client = new VideoClient(clientOptions(apiKey, apiSecret, env));
    this.apiKey = String(apiKey);
    Object.defineProperty(this, 'apiSecret', { value: apiSecret, enumerable: false });
    this.apiUrl = this.client.baseUrl;
    const debug = debugSink(env);
    const seen = new Set<string>();
    this.#core = {
      client: this.client,
      ot: this as OpenTok,
      origin: new URL(this.apiUrl).origin,
      debugOnce: (key, message) => {
        if (seen.has(key)) return;
        seen.add(key);
        debug(message);
      },
    };
  }

  /** Mints a client token; the third argument asks for the legacy T1 format, as in the SDK. */
  generateToken(
    sessionId: string,
    opts?: T.TokenOptions | { expireTime?: number | string },
    generateT1Token = false,
  ) {
    return compatToken(this.#core, sessionId, opts, generateT1Token);
  }
  /** A freshly signed REST auth JWT. */
  generateJwt(): string {
    return this.client.generateJwt();
  }

  createSession(...args: [Opt<T.SessionOptions | Record<string, unknown>>, Callback<OpenTokSession>?]) {
    return S.createSession(this.#core, args);
  }

  startArchive(sessionId: string, ...args: [Opt<T.ArchiveOptions>, Callback<Arc>?]) {
    return A.startArchive(this.#core, sessionId, args);
  }
  stopArchive(archiveId: string, cb?: Callback<Arc>) {
    return A.archiveById(this.#core, 'stopArchive', archiveId, cb);
  }
  getArchive(archiveId: string, cb?: Callback<Arc>) {
    return A.archiveById(this.#core, 'getArchive', archiveId, cb);
  }
  deleteArchive(archiveId: string, cb?: Callback) {
    return A.archiveById(this.#core, 'deleteArchive', archiveId, cb);
  }
  /** Calls back with (err, archives, totalCount) like the SDK. */
  listArchives(...args: [Opt<T.ListOptions>, Callback<Arc[], number>?]) {
    return A.listArchives(this.#core, args);
  }
  addArchiveStream(archiveId: string, streamId: string, ...args: [Opt<Flags>, Callback?]) {
    return A.patchArchive(this.#core, archiveId, streamId, args, true);
  }
  removeArchiveStream(archiveId: string, streamId: string, cb?: Callback) {
    return A.patchArchive(this.#core, archiveId, streamId, [cb], false);
  }
  setArchiveLayout(
    archiveId: string,
    type: T.LayoutType,
    ...rest: [Opt<string | null>, Opt<T.ScreenshareType | null>?, Callback?]
  ) {
    return A.setArchiveLayout(this.#core, archiveId, type, rest);
  }

  startBroadcast(sessionId: string, options: T.BroadcastOptions, cb?: Callback<Bc>) {
    return B.startBroadcast(this.#core, sessionId, options, cb);
  }
  stopBroadcast(broadcastId: string, cb?: Callback<Bc>) {
    return B.broadcastById(this.#core, 'stopBroadcast', broadcastId, cb);
  }
  getBroadcast(broadcastId: string, cb?: Callback<Bc>) {
    return B.broadcastById(this.#core, 'getBroadcast', broadcastId, cb);
  }
  /** Calls back with (err, broadcasts, totalCount) like the SDK. */
  listBroadcasts(...args: [Opt<T.ListOptions>, Callback<Bc[], number>?]) {
    return B.listBroadcasts(this.#core, args);
  }
  addBroadcastStream(broadcastId: string, streamId: string, ...args: [Opt<Flags>, Callback?]) {
    return B.patchBroadcast(this.#core, broadcastId, streamId, args, true);
  }
  removeBroadcastStream(broadcastId: string, streamId: string, cb?: Callback) {
    return B.patchBroadcast(this.#core, broadcastId, streamId, [cb], false);
  }
  setBroadcastLayout(
    broadcastId: string,
    type: T.LayoutType,
    ...rest: [Opt<string | null>, Opt<T.ScreenshareType | null>?, Callback?]
  ) {
    return B.setBroadcastLayout(this.#core, broadcastId, type, rest);
  }

  startRender(options: T.RenderOptions, cb?: Callback<T.Render>) {
    return B.render(this.#core, 'startRender', options, cb);
  }
  stopRender(renderId: string, cb?: Callback) {
    return B.render(this.#core, 'stopRender', renderId, cb);
  }
  getRender(renderId: string, cb?: Callback<T.Render>) {
    return B.render(this.#core, 'getRender', renderId, cb);
  }
  /** Calls back with the raw `{count, items}` list, like the SDK. */
  listRenders(...args: [Opt<T.ListOptions>, Callback<T.Page<T.Render>>?]) {
    return B.listRenders(this.#core, args);
  }

  getStream(sessionId: string, streamId: string, cb?: Callback<T.Stream>) {
    return S.streams(this.#core, sessionId, streamId ?? null, cb);
  }
  listStreams(sessionId: string, cb?: Callback<T.Stream[]>) {
    return S.streams(this.#core, sessionId, undefined, cb);
  }
  setStreamClassLists(sessionId: string, classListArray: T.StreamClassList[], cb?: Callback) {
    return S.setStreamClassLists(this.#core, sessionId, classListArray, cb);
  }

  forceDisconnect(sessionId: string, connectionId: string, cb?: Callback) {
    return S.forceDisconnect(this.#core, sessionId, connectionId, cb);
  }
  forceMuteStream(sessionId: string, streamId: string, cb?: Callback) {
    return S.forceMuteStream(this.#core, sessionId, streamId, cb);
  }
  /** Accepts the documented (misspelled) `excudedStreamIds` too and sends it as `excludedStreamIds`. */
  forceMuteAll(
    sessionId: string,
    ...args: [Opt<{ excludedStreamIds?: string[]; excudedStreamIds?: string[] }>, Callback?]
  ) {
    return S.forceMuteAll(this.#core, sessionId, args);
  }
  disableForceMute(sessionId: string, cb?: Callback) {
    return S.disableForceMute(this.#core, sessionId, cb);
  }
  signal(
    sessionId: string,
    connectionId: string | null | undefined,
    payload: T.SignalPayload,
    cb?: Callback,
  ) {
    return S.signal(this.#core, sessionId, connectionId, payload, cb);
  }

  dial(
    sessionId: string,
    token: string,
    sipUri: string,
    ...args: [Opt<T.DialOptions>, Callback<T.SipCall>?]
  ) {
    return P.dial(this.#core, sessionId, token, sipUri, args);
  }
  playDTMF(sessionId: string, connectionId: string | null | undefined, digits: string, cb?: Callback) {
    return P.playDTMF(this.#core, sessionId, connectionId, digits, cb);
  }
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    ...args: [Opt<T.WebsocketOptions>, Callback<T.AudioConnection>?]
  ) {
    return P.websocketConnect(this.#core, sessionId, token, websocketUri, args);
  }

  /** Starts live captions; calls back with the captions ID. */
  startCaptions(sessionId: string, token: string, ...args: [Opt<C.CaptionOptions>, Callback<string>?]) {
    return K.startCaptions(this.#core, sessionId, token, args);
  }
  /** Stops live captions; calls back with true. */
  stopCaptions(captionsId: string, cb?: Callback<boolean>) {
    return K.stopCaptions(this.#core, captionsId, cb);
  }
  registerCallback(...args: [Opt<C.CallbackRegistration>, Callback<OpenTokCallback>?]) {
    return K.registerCallback(this.#core, args);
  }
  unregisterCallback(callbackId: string, cb?: Callback) {
    return K.unregisterCallback(this.#core, callbackId, cb);
  }
  listCallbacks(...args: [Opt<object>, Callback<OpenTokCallback[]>?]) {
    return K.listCallbacks(this.#core, args);
  }

  /** Releases the connection pool. */
  close(): Promise<void> {
    return this.client.close();
  }
}

// The error classes are static properties, as in the official package (OpenTok.ArchiveError, ...).
Object.assign(OpenTokClient, ERROR_CLASSES);

/** The OpenTok class; like the official SDK it can also be called without `new`. */
export const OpenTok = new Proxy(OpenTokClient, {
  apply: (Target, _this, args: ConstructorParameters<typeof OpenTokClient>) => new Target(...args),
}) as typeof OpenTokClient &
  typeof ERROR_CLASSES &
  ((...args: ConstructorParameters<typeof OpenTokClient>) => OpenTokClient);
/** An OpenTok instance. */
export type OpenTok = OpenTokClient;
export default OpenTok;
