// Drop-in replacement for the official `opentok` package: same constructor and callback signatures,
// backed by VideoClient (cached auth, keep-alive, timeouts, validation, none of the SDK's wire bugs).
// Without a callback every method returns a promise instead of throwing.
import { VideoClient } from './client.js';
import { VideoError } from './errors.js';
import {
  archiveObject,
  broadcastObject,
  clientOptions,
  deliver,
  OpenTokSession,
  split,
  type Callback,
  type OpenTokEnv,
} from './opentok-support.js';
import type * as T from './types.js';
import type { OpenTokArchive as Arc, OpenTokBroadcast as Bc } from './opentok-support.js';

export type { Callback, OpenTokArchive, OpenTokBroadcast, OpenTokEnv } from './opentok-support.js';
export { OpenTokSession } from './opentok-support.js';

type Opt<T> = T | Callback<never, never> | undefined;
type Flags = { hasAudio?: boolean; hasVideo?: boolean };
const obj = <X>(v: unknown): X | undefined => (v && typeof v === 'object' ? (v as X) : undefined);

/** The OpenTok server SDK API over {@link VideoClient}. */
class OpenTokClient {
  /** Errors are VideoError instances (with `code`, `status`, `userMessage`). */
  static readonly VideoError = VideoError;
  readonly apiKey: string;
  readonly apiUrl: string;
  /** The promise-based client underneath. */
  readonly client: VideoClient;

  constructor(apiKey: string | number, apiSecret: string, env?: OpenTokEnv) {
    this.client = new VideoClient(clientOptions(apiKey, apiSecret, env));
    this.apiKey = String(apiKey);
    this.apiUrl = this.client.baseUrl;
  }

  /** Mints a client token; the third argument asks for the legacy T1 format, as in the SDK. */
  generateToken(
    sessionId: string,
    opts: T.TokenOptions & { expireTime?: number | string } = {},
    generateT1Token = false,
  ): string {
    const expireTime = typeof opts?.expireTime === 'string' ? Number(opts.expireTime) : opts?.expireTime;
    return this.client.generateToken(sessionId, {
      ...opts,
      expireTime,
      tokenFormat: generateT1Token ? 'T1' : opts?.tokenFormat,
    });
  }

  createSession(...args: [Opt<T.SessionOptions>, Callback<OpenTokSession>?]) {
    const [[o], cb] = split(args);
    return deliver(
      this.client.createSession(obj(o)).then((s) => new OpenTokSession(this.client, s)),
      cb,
    );
  }

  startArchive(sessionId: string, ...args: [Opt<T.ArchiveOptions>, Callback<Arc>?]) {
    const [[o], cb] = split(args);
    return deliver(
      this.client.startArchive(sessionId, obj(o)).then((a) => archiveObject(this.client, a)),
      cb,
    );
  }
  stopArchive(archiveId: string, cb?: Callback<Arc>) {
    return deliver(
      this.client.stopArchive(archiveId).then((a) => archiveObject(this.client, a)),
      cb as Callback<unknown>,
    );
  }
  getArchive(archiveId: string, cb?: Callback<Arc>) {
    return deliver(
      this.client.getArchive(archiveId).then((a) => archiveObject(this.client, a)),
      cb as Callback<unknown>,
    );
  }
  deleteArchive(archiveId: string, cb?: Callback) {
    return deliver(this.client.deleteArchive(archiveId), cb as Callback<unknown>);
  }
  /** Calls back with (err, archives, totalCount) like the SDK. */
  listArchives(...args: [Opt<T.ListOptions>, Callback<Arc[], number>?]) {
    const [[o], cb] = split(args);
    const p = this.client
      .listArchives(obj(o))
      .then((pg) => ({ ...pg, items: pg.items.map((a) => archiveObject(this.client, a)) }));
    return deliver(p, cb, (pg) => [pg.items, pg.count]);
  }
  addArchiveStream(archiveId: string, streamId: string, ...args: [Opt<Flags>, Callback?]) {
    const [[o], cb] = split(args);
    return deliver(this.client.addArchiveStream(archiveId, streamId, obj(o)), cb);
  }
  removeArchiveStream(archiveId: string, streamId: string, cb?: Callback) {
    return deliver(this.client.removeArchiveStream(archiveId, streamId), cb as Callback<unknown>);
  }
  setArchiveLayout(
    archiveId: string,
    type: T.LayoutType,
    ...args: [Opt<string | null>, Opt<T.ScreenshareType | null>?, Callback?]
  ) {
    const [[css, share], cb] = split(args);
    return deliver(
      this.client.setArchiveLayout(
        archiveId,
        type,
        (css ?? undefined) as string,
        (share ?? undefined) as T.ScreenshareType,
      ),
      cb,
    );
  }

  startBroadcast(sessionId: string, options: T.BroadcastOptions, cb?: Callback<Bc>) {
    return deliver(
      this.client.startBroadcast(sessionId, options).then((b) => broadcastObject(this.client, b)),
      cb as Callback<unknown>,
    );
  }
  stopBroadcast(broadcastId: string, cb?: Callback<Bc>) {
    return deliver(
      this.client.stopBroadcast(broadcastId).then((b) => broadcastObject(this.client, b)),
      cb as Callback<unknown>,
    );
  }
  getBroadcast(broadcastId: string, cb?: Callback<Bc>) {
    return deliver(
      this.client.getBroadcast(broadcastId).then((b) => broadcastObject(this.client, b)),
      cb as Callback<unknown>,
    );
  }
  /** Calls back with (err, broadcasts, totalCount) like the SDK. */
  listBroadcasts(...args: [Opt<T.ListOptions>, Callback<Bc[], number>?]) {
    const [[o], cb] = split(args);
    const p = this.client
      .listBroadcasts(obj(o))
      .then((pg) => ({ ...pg, items: pg.items.map((b) => broadcastObject(this.client, b)) }));
    return deliver(p, cb, (pg) => [pg.items, pg.count]);
  }
  addBroadcastStream(broadcastId: string, streamId: string, ...args: [Opt<Flags>, Callback?]) {
    const [[o], cb] = split(args);
    return deliver(this.client.addBroadcastStream(broadcastId, streamId, obj(o)), cb);
  }
  removeBroadcastStream(broadcastId: string, streamId: string, cb?: Callback) {
    return deliver(this.client.removeBroadcastStream(broadcastId, streamId), cb as Callback<unknown>);
  }
  setBroadcastLayout(
    broadcastId: string,
    type: T.LayoutType,
    ...args: [Opt<string | null>, Opt<T.ScreenshareType | null>?, Callback?]
  ) {
    const [[css, share], cb] = split(args);
    return deliver(
      this.client.setBroadcastLayout(
        broadcastId,
        type,
        (css ?? undefined) as string,
        (share ?? undefined) as T.ScreenshareType,
      ),
      cb,
    );
  }

  startRender(options: T.RenderOptions, cb?: Callback<T.Render>) {
    return deliver(this.client.startRender(options), cb as Callback<unknown>);
  }
  stopRender(renderId: string, cb?: Callback) {
    return deliver(this.client.stopRender(renderId), cb as Callback<unknown>);
  }
  getRender(renderId: string, cb?: Callback<T.Render>) {
    return deliver(this.client.getRender(renderId), cb as Callback<unknown>);
  }
  /** Calls back with the raw `{count, items}` list, like the SDK. */
  listRenders(...args: [Opt<T.ListOptions>, Callback<T.Page<T.Render>>?]) {
    const [[o], cb] = split(args);
    return deliver(this.client.listRenders(obj(o)), cb);
  }

  getStream(sessionId: string, streamId: string, cb?: Callback<T.Stream>) {
    return deliver(this.client.getStream(sessionId, streamId), cb as Callback<unknown>);
  }
  listStreams(sessionId: string, cb?: Callback<T.Stream[]>) {
    return deliver(this.client.listStreams(sessionId), cb as Callback<unknown>);
  }
  setStreamClassLists(sessionId: string, classListArray: T.StreamClassList[], cb?: Callback) {
    return deliver(this.client.setStreamClassLists(sessionId, classListArray), cb as Callback<unknown>);
  }

  forceDisconnect(sessionId: string, connectionId: string, cb?: Callback) {
    return deliver(this.client.forceDisconnect(sessionId, connectionId), cb as Callback<unknown>);
  }
  forceMuteStream(sessionId: string, streamId: string, cb?: Callback) {
    return deliver(this.client.forceMuteStream(sessionId, streamId), cb as Callback<unknown>);
  }
  /** Accepts the documented (misspelled) `excudedStreamIds` too and sends it as `excludedStreamIds`. */
  forceMuteAll(
    sessionId: string,
    ...args: [Opt<{ excludedStreamIds?: string[]; excudedStreamIds?: string[] }>, Callback?]
  ) {
    const [[o], cb] = split(args);
    const opts = obj<{ excludedStreamIds?: string[]; excudedStreamIds?: string[] }>(o);
    const ids = opts?.excludedStreamIds ?? opts?.excudedStreamIds;
    return deliver(this.client.forceMuteAll(sessionId, ids ? { excludedStreamIds: ids } : {}), cb);
  }
  disableForceMute(sessionId: string, cb?: Callback) {
    return deliver(this.client.disableForceMute(sessionId), cb as Callback<unknown>);
  }
  signal(
    sessionId: string,
    connectionId: string | null | undefined,
    payload: T.SignalPayload,
    cb?: Callback,
  ) {
    return deliver(this.client.signal(sessionId, connectionId ?? null, payload), cb as Callback<unknown>);
  }

  dial(
    sessionId: string,
    token: string,
    sipUri: string,
    ...args: [Opt<T.DialOptions>, Callback<T.SipCall>?]
  ) {
    const [[o], cb] = split(args);
    return deliver(this.client.dial(sessionId, token, sipUri, obj(o)), cb);
  }
  playDTMF(sessionId: string, connectionId: string | null | undefined, digits: string, cb?: Callback) {
    return deliver(this.client.playDTMF(sessionId, connectionId ?? null, digits), cb as Callback<unknown>);
  }
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    ...args: [Opt<T.WebsocketOptions>, Callback<T.AudioConnection>?]
  ) {
    const [[o], cb] = split(args);
    return deliver(this.client.websocketConnect(sessionId, token, websocketUri, obj(o)), cb);
  }

  /** Releases the connection pool. */
  close(): Promise<void> {
    return this.client.close();
  }
}

/** The OpenTok class; like the official SDK it can also be called without `new`. */
export const OpenTok = new Proxy(OpenTokClient, {
  apply: (Target, _this, args: ConstructorParameters<typeof OpenTokClient>) => new Target(...args),
}) as typeof OpenTokClient & ((...args: ConstructorParameters<typeof OpenTokClient>) => OpenTokClient);
/** An OpenTok instance. */
export type OpenTok = OpenTokClient;
export default OpenTok;
