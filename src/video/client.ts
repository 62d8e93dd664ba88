// VideoClient: the typed, promise-based Video API client. Methods are thin async wrappers so that
// argument errors surface as rejections, never as synchronous throws.
import type { VideoApi } from './api.js';
import * as archives from './archives.js';
import { AuthHeader } from './auth.js';
import * as broadcasts from './broadcasts.js';
import type { Ctx } from './context.js';
import {
  resolveBaseUrl,
  resolveCredentials,
  type ResolvedCredentials,
  type VideoClientOptions,
} from './credentials.js';
import * as moderation from './moderation.js';
import { itemsOf, pagesOf } from './pages.js';
import * as renders from './renders.js';
import { retryPolicy } from './retry.js';
import { createSession } from './sessions.js';
import * as sip from './sip.js';
import * as streams from './streams.js';
import { generateToken } from './tokens.js';
import { Transport } from './transport.js';
import type * as T from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;
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

  constructor(options: VideoClientOptions) {
    this.creds = resolveCredentials(options);
    this.projectId = this.creds.projectId;
    this.credentialKind = this.creds.kind;
    const base = resolveBaseUrl(this.creds.kind, options.baseUrl);
    this.baseUrl = base.href.replace(/\/+$/, '');
    const transport = new Transport({
      baseUrl: base,
      dispatcher: options.dispatcher,
      auth: new AuthHeader(this.creds),
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: retryPolicy(options.retry),
    });
    this.ctx = { transport, p: `/v2/project/${encodeURIComponent(this.projectId)}`, kind: this.creds.kind };
  }

  /** Releases the connection pool; the client must not be used afterwards. */
  close(): Promise<void> {
    return this.ctx.transport.close();
  }

  async createSession(o?: T.SessionOptions, call?: T.CallOptions): Promise<T.Session> {
    return createSession(this.ctx, o, call);
  }
  generateToken(sessionId: string, o?: T.TokenOptions): string {
    return generateToken(this.creds, sessionId, o);
  }

  async startArchive(s: string, o?: T.ArchiveOptions, c?: T.CallOptions) {
    return archives.startArchive(this.ctx, s, o, c);
  }
  async stopArchive(a: string, c?: T.CallOptions) {
    return archives.stopArchive(this.ctx, a, c);
  }
  async getArchive(a: string, c?: T.CallOptions) {
    return archives.getArchive(this.ctx, a, c);
  }
  async listArchives(o?: T.ListOptions, c?: T.CallOptions) {
    return archives.listArchives(this.ctx, o, c);
  }
  async deleteArchive(a: string, c?: T.CallOptions) {
    return archives.deleteArchive(this.ctx, a, c);
  }
  async addArchiveStream(
    a: string,
    s: string,
    o?: { hasAudio?: boolean; hasVideo?: boolean },
    c?: T.CallOptions,
  ) {
    return archives.addArchiveStream(this.ctx, a, s, o, c);
  }
  async removeArchiveStream(a: string, s: string, c?: T.CallOptions) {
    return archives.removeArchiveStream(this.ctx, a, s, c);
  }
  async setArchiveLayout(
    a: string,
    t: T.LayoutType,
    css?: string,
    st?: T.ScreenshareType,
    c?: T.CallOptions,
  ) {
    return archives.setArchiveLayout(this.ctx, a, t, css, st, c);
  }

  async startBroadcast(s: string, o: T.BroadcastOptions, c?: T.CallOptions) {
    return broadcasts.startBroadcast(this.ctx, s, o, c);
  }
  async stopBroadcast(b: string, c?: T.CallOptions) {
    return broadcasts.stopBroadcast(this.ctx, b, c);
  }
  async getBroadcast(b: string, c?: T.CallOptions) {
    return broadcasts.getBroadcast(this.ctx, b, c);
  }
  async listBroadcasts(o?: T.ListOptions, c?: T.CallOptions) {
    return broadcasts.listBroadcasts(this.ctx, o, c);
  }
  async addBroadcastStream(
    b: string,
    s: string,
    o?: { hasAudio?: boolean; hasVideo?: boolean },
    c?: T.CallOptions,
  ) {
    return broadcasts.addBroadcastStream(this.ctx, b, s, o, c);
  }
  async removeBroadcastStream(b: string, s: string, c?: T.CallOptions) {
    return broadcasts.removeBroadcastStream(this.ctx, b, s, c);
  }
  async setBroadcastLayout(
    b: string,
    t: T.LayoutType,
    css?: string,
    st?: T.ScreenshareType,
    c?: T.CallOptions,
  ) {
    return broadcasts.setBroadcastLayout(this.ctx, b, t, css, st, c);
  }

  async startRender(o: T.RenderOptions, c?: T.CallOptions) {
    return renders.startRender(this.ctx, o, c);
  }
  async stopRender(r: string, c?: T.CallOptions) {
    return renders.stopRender(this.ctx, r, c);
  }
  async getRender(r: string, c?: T.CallOptions) {
    return renders.getRender(this.ctx, r, c);
  }
  async listRenders(o?: T.ListOptions, c?: T.CallOptions) {
    return renders.listRenders(this.ctx, o, c);
  }

  async getStream(s: string, st: string, c?: T.CallOptions) {
    return streams.getStream(this.ctx, s, st, c);
  }
  async listStreams(s: string, c?: T.CallOptions) {
    return streams.listStreams(this.ctx, s, c);
  }
  async setStreamClassLists(s: string, l: T.StreamClassList[], c?: T.CallOptions) {
    return streams.setStreamClassLists(this.ctx, s, l, c);
  }

  async forceDisconnect(s: string, cn: string, c?: T.CallOptions) {
    return moderation.forceDisconnect(this.ctx, s, cn, c);
  }
  async forceMuteStream(s: string, st: string, c?: T.CallOptions) {
    return moderation.forceMuteStream(this.ctx, s, st, c);
  }
  async forceMuteAll(s: string, o?: { excludedStreamIds?: string[] }, c?: T.CallOptions) {
    return moderation.forceMuteAll(this.ctx, s, o, c);
  }
  async disableForceMute(s: string, c?: T.CallOptions) {
    return moderation.disableForceMute(this.ctx, s, c);
  }
  async signal(s: string, cn: string | null, p: T.SignalPayload, c?: T.CallOptions) {
    return moderation.signal(this.ctx, s, cn, p, c);
  }

  async dial(s: string, tok: string, uri: string, o?: T.DialOptions, c?: T.CallOptions) {
    return sip.dial(this.ctx, s, tok, uri, o, c);
  }
  async playDTMF(s: string, cn: string | null, d: string, c?: T.CallOptions) {
    return sip.playDTMF(this.ctx, s, cn, d, c);
  }
  async websocketConnect(s: string, tok: string, uri: string, o?: T.WebsocketOptions, c?: T.CallOptions) {
    return sip.websocketConnect(this.ctx, s, tok, uri, o, c);
  }
  async disconnectWebsocket(s: string, cn: string, c?: T.CallOptions) {
    return sip.disconnectWebsocket(this.ctx, s, cn, c);
  }

  /** Pages of archives (each `o.count`, default 100), for `for await`. */
  archivePages(o?: T.ListOptions) {
    return pagesOf((q) => this.listArchives(q), o);
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
