// VideoClient: the typed, promise-based Video API client. Methods are thin async wrappers so that
// argument errors surface as rejections, never as synchronous throws.
import { ProxyAgent } from 'undici';
import type { VideoApi } from './api.js';
import * as archives from './archives.js';
import { AuthHeader, signRestToken } from './auth.js';
import * as broadcasts from './broadcasts.js';
import * as captions from './captions.js';
import type { Ctx } from './context.js';
import {
  checkProxy,
  resolveBaseUrl,
  resolveCredentials,
  type ResolvedCredentials,
  type VideoClientOptions,
} from './credentials.js';
import * as moderation from './moderation.js';
import { itemsOf, pagesOf } from './pages.js';
import * as registry from './project-callbacks.js';
import * as renders from './renders.js';
import { retryPolicy } from './retry.js';
import { createSession } from './sessions.js';
import * as sip from './sip.js';
import * as streams from './streams.js';
import { generateToken } from './tokens.js';
import { Transport } from './transport.js';
import type * as T from './types.js';
import type * as C from './types-captions.js';

const DEFAULT_TIMEOUT_MS = 10_000;
type Flags = { hasAudio?: boolean; hasVideo?: boolean };
const DEFAULT_USER_AGENT = `video-chatops/0.1 node/${process.version}`;

/** The Vonage Video API client for OpenTok project or Vonage application credentials. */
export class VideoClient implements VideoApi {
  readonly projectId: string;
  /** `project` (API key + secret) or `application` (application ID + private key). */
  readonly credentialKind: ResolvedCredentials['kind'];
  /** The base URL requests go to. */
  readonly baseUrl: string;
  private readonly creds: ResolvedCredentials;
  private readonly ctx: Ctx;
  private readonly proxyAgent: ProxyAgent | undefined;

  constructor(options: VideoClientOptions) {
    this.creds = resolveCredentials(options);
    this.projectId = this.creds.projectId;
    this.credentialKind = this.creds.kind;
    const base = resolveBaseUrl(this.creds.kind, options.baseUrl);
    const proxy = options.dispatcher ? undefined : checkProxy(options.proxy);
    this.proxyAgent = proxy ? new ProxyAgent({ uri: proxy, connections: 256 }) : undefined;
    this.baseUrl = base.href.replace(/\/+$/, '');
    const transport = new Transport({
      baseUrl: base,
      dispatcher: options.dispatcher ?? this.proxyAgent,
      auth: new AuthHeader(this.creds),
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: retryPolicy(options.retry),
    });
    this.ctx = { transport, p: `/v2/project/${encodeURIComponent(this.projectId)}`, kind: this.creds.kind };
  }

  /** Releases the connection pool; the client must not be used afterwards. */
  async close(): Promise<void> {
    await this.ctx.transport.close();
    await this.proxyAgent?.close();
  }

  async createSession(options?: T.SessionOptions, call?: T.CallOptions): Promise<T.Session> {
    return createSession(this.ctx, options, call);
  }
  generateToken(sessionId: string, options?: T.TokenOptions): string {
    return generateToken(this.creds, sessionId, options);
  }
  /** A freshly signed REST auth JWT (5 minutes), like the official SDK's generateJwt(). */
  generateJwt(): string {
    return signRestToken(this.creds);
  }

  async startArchive(sessionId: string, options?: T.ArchiveOptions, call?: T.CallOptions) {
    return archives.startArchive(this.ctx, sessionId, options, call);
  }
  async stopArchive(archiveId: string, call?: T.CallOptions) {
    return archives.stopArchive(this.ctx, archiveId, call);
  }
  async getArchive(archiveId: string, call?: T.CallOptions) {
    return archives.getArchive(this.ctx, archiveId, call);
  }
  async listArchives(options?: T.ListOptions, call?: T.CallOptions) {
    return archives.listArchives(this.ctx, options, call);
  }
  async deleteArchive(archiveId: string, call?: T.CallOptions) {
    return archives.deleteArchive(this.ctx, archiveId, call);
  }
  async addArchiveStream(archiveId: string, streamId: string, options?: Flags, call?: T.CallOptions) {
    return archives.addArchiveStream(this.ctx, archiveId, streamId, options, call);
  }
  async removeArchiveStream(archiveId: string, streamId: string, call?: T.CallOptions) {
    return archives.removeArchiveStream(this.ctx, archiveId, streamId, call);
  }
  async setArchiveLayout(
    archiveId: string,
    type: T.LayoutType,
    stylesheet?: string,
    screenshareType?: T.ScreenshareType,
    call?: T.CallOptions,
  ) {
    return archives.setArchiveLayout(this.ctx, archiveId, type, stylesheet, screenshareType, call);
  }

  async startBroadcast(sessionId: string, options: T.BroadcastOptions, call?: T.CallOptions) {
    return broadcasts.startBroadcast(this.ctx, sessionId, options, call);
  }
  async stopBroadcast(broadcastId: string, call?: T.CallOptions) {
    return broadcasts.stopBroadcast(this.ctx, broadcastId, call);
  }
  async getBroadcast(broadcastId: string, call?: T.CallOptions) {
    return broadcasts.getBroadcast(this.ctx, broadcastId, call);
  }
  async listBroadcasts(options?: T.ListOptions, call?: T.CallOptions) {
    return broadcasts.listBroadcasts(this.ctx, options, call);
  }
  async addBroadcastStream(broadcastId: string, streamId: string, options?: Flags, call?: T.CallOptions) {
    return broadcasts.addBroadcastStream(this.ctx, broadcastId, streamId, options, call);
  }
  async removeBroadcastStream(broadcastId: string, streamId: string, call?: T.CallOptions) {
    return broadcasts.removeBroadcastStream(this.ctx, broadcastId, streamId, call);
  }
  async setBroadcastLayout(
    broadcastId: string,
    type: T.LayoutType,
    stylesheet?: string,
    screenshareType?: T.ScreenshareType,
    call?: T.CallOptions,
  ) {
    return broadcasts.setBroadcastLayout(this.ctx, broadcastId, type, stylesheet, screenshareType, call);
  }

  async startRender(options: T.RenderOptions, call?: T.CallOptions) {
    return renders.startRender(this.ctx, options, call);
  }
  async stopRender(renderId: string, call?: T.CallOptions) {
    return renders.stopRender(this.ctx, renderId, call);
  }
  async getRender(renderId: string, call?: T.CallOptions) {
    return renders.getRender(this.ctx, renderId, call);
  }
  async listRenders(options?: T.ListOptions, call?: T.CallOptions) {
    return renders.listRenders(this.ctx, options, call);
  }

  async updateBroadcast(broadcastId: string, options: C.BroadcastUpdate, call?: T.CallOptions) {
    return broadcasts.updateBroadcast(this.ctx, broadcastId, options, call);
  }

  async startCaptions(sessionId: string, token: string, options?: C.CaptionOptions, call?: T.CallOptions) {
    return captions.startCaptions(this.ctx, sessionId, token, options, call);
  }
  async stopCaptions(captionsId: string, call?: T.CallOptions) {
    return captions.stopCaptions(this.ctx, captionsId, call);
  }
  async getCaptionStatus(captionsId: string, call?: T.CallOptions) {
    return captions.getCaptionStatus(this.ctx, captionsId, call);
  }

  async registerCallback(registration: C.CallbackRegistration, call?: T.CallOptions) {
    return registry.registerCallback(this.ctx, registration, call);
  }
  async unregisterCallback(callbackId: string, call?: T.CallOptions) {
    return registry.unregisterCallback(this.ctx, callbackId, call);
  }
  async listCallbacks(call?: T.CallOptions) {
    return registry.listCallbacks(this.ctx, call);
  }

  async getStream(sessionId: string, streamId: string, call?: T.CallOptions) {
    return streams.getStream(this.ctx, sessionId, streamId, call);
  }
  async listStreams(sessionId: string, call?: T.CallOptions) {
    return streams.listStreams(this.ctx, sessionId, call);
  }
  async listConnections(sessionId: string, call?: T.CallOptions) {
    return streams.listConnections(this.ctx, sessionId, call);
  }
  async setStreamClassLists(sessionId: string, classLists: T.StreamClassList[], call?: T.CallOptions) {
    return streams.setStreamClassLists(this.ctx, sessionId, classLists, call);
  }

  async forceDisconnect(sessionId: string, connectionId: string, call?: T.CallOptions) {
    return moderation.forceDisconnect(this.ctx, sessionId, connectionId, call);
  }
  async forceMuteStream(sessionId: string, streamId: string, call?: T.CallOptions) {
    return moderation.forceMuteStream(this.ctx, sessionId, streamId, call);
  }
  async forceMuteAll(sessionId: string, options?: { excludedStreamIds?: string[] }, call?: T.CallOptions) {
    return moderation.forceMuteAll(this.ctx, sessionId, options, call);
  }
  async disableForceMute(sessionId: string, call?: T.CallOptions) {
    return moderation.disableForceMute(this.ctx, sessionId, call);
  }
  async signal(
    sessionId: string,
    connectionId: string | null,
    payload: T.SignalPayload,
    call?: T.CallOptions,
  ) {
    return moderation.signal(this.ctx, sessionId, connectionId, payload, call);
  }

  async dial(
    sessionId: string,
    token: string,
    sipUri: string,
    options?: T.DialOptions,
    call?: T.CallOptions,
  ) {
    return sip.dial(this.ctx, sessionId, token, sipUri, options, call);
  }
  async playDTMF(sessionId: string, connectionId: string | null, digits: string, call?: T.CallOptions) {
    return sip.playDTMF(this.ctx, sessionId, connectionId, digits, call);
  }
  async websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    options?: T.WebsocketOptions,
    call?: T.CallOptions,
  ) {
    return sip.websocketConnect(this.ctx, sessionId, token, websocketUri, options, call);
  }
  async disconnectWebsocket(sessionId: string, connectionId: string, call?: T.CallOptions) {
    return sip.disconnectWebsocket(this.ctx, sessionId, connectionId, call);
  }

  /** Pages of archives (each `o.count`, default 100), for `for await`. */
  archivePages(options?: T.ListOptions) {
    return pagesOf((q) => this.listArchives(q), options);
  }
  /** Every archive, fetched page by page. */
  iterateArchives(o?: T.ListOptions) {
    return itemsOf((q) => this.listArchives(q), o);
  }
  /** Pages of broadcasts. */
  broadcastPages(o?: T.ListOptions) {
    return pagesOf((q) => this.listBroadcasts(q), o);
  }
  /** Every broadcast, fetched page by page. */
  iterateBroadcasts(o?: T.ListOptions) {
    return itemsOf((q) => this.listBroadcasts(q), o);
  }
  /** Pages of renders. */
  renderPages(o?: T.ListOptions) {
    return pagesOf((q) => this.listRenders({ ...q, sessionId: undefined }), o);
  }
  /** Every render (filtered by `o.sessionId` when given), fetched page by page. */
  async *iterateRenders(o: T.ListOptions = {}): AsyncGenerator<T.Render> {
    for await (const r of itemsOf((q) => this.listRenders({ ...q, sessionId: undefined }), o)) {
      if (!o.sessionId || r.sessionId === o.sessionId) yield r;
    }
  }
}
