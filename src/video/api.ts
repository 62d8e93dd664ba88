import type {
  Archive,
  ArchiveOptions,
  AudioConnection,
  Broadcast,
  BroadcastOptions,
  CallOptions,
  DialOptions,
  LayoutType,
  ListOptions,
  Page,
  Render,
  RenderOptions,
  ScreenshareType,
  Session,
  SessionConnection,
  SessionOptions,
  SignalPayload,
  SipCall,
  Stream,
  StreamClassList,
  TokenOptions,
  WebsocketOptions,
} from './types.js';
import type {
  BroadcastUpdate,
  CallbackRegistration,
  CaptionOptions,
  CaptionStatus,
  CaptionsStarted,
  ProjectCallback,
} from './types-captions.js';

/**
 * Everything the Video API offers, with the official server SDK's method names and positional
 * parameters (no callbacks). `VideoClient` implements it; the command core depends only on this.
 * Every REST method accepts an optional trailing {@link CallOptions} (AbortSignal, timeout).
 */
export interface VideoApi {
  /** The API key (OpenTok credentials) or application ID (Vonage credentials). */
  readonly projectId: string;

  createSession(options?: SessionOptions, call?: CallOptions): Promise<Session>;
  generateToken(sessionId: string, options?: TokenOptions): string;

  startArchive(sessionId: string, options?: ArchiveOptions, call?: CallOptions): Promise<Archive>;
  stopArchive(archiveId: string, call?: CallOptions): Promise<Archive>;
  getArchive(archiveId: string, call?: CallOptions): Promise<Archive>;
  listArchives(options?: ListOptions, call?: CallOptions): Promise<Page<Archive>>;
  deleteArchive(archiveId: string, call?: CallOptions): Promise<void>;
  addArchiveStream(
    archiveId: string,
    streamId: string,
    options?: { hasAudio?: boolean; hasVideo?: boolean },
    call?: CallOptions,
  ): Promise<void>;
  removeArchiveStream(archiveId: string, streamId: string, call?: CallOptions): Promise<void>;
  setArchiveLayout(
    archiveId: string,
    type: LayoutType,
    stylesheet?: string,
    screenshareType?: ScreenshareType,
    call?: CallOptions,
  ): Promise<void>;

  startBroadcast(sessionId: string, options: BroadcastOptions, call?: CallOptions): Promise<Broadcast>;
  stopBroadcast(broadcastId: string, call?: CallOptions): Promise<Broadcast>;
  getBroadcast(broadcastId: string, call?: CallOptions): Promise<Broadcast>;
  listBroadcasts(options?: ListOptions, call?: CallOptions): Promise<Page<Broadcast>>;
  addBroadcastStream(
    broadcastId: string,
    streamId: string,
    options?: { hasAudio?: boolean; hasVideo?: boolean },
    call?: CallOptions,
  ): Promise<void>;
  removeBroadcastStream(broadcastId: string, streamId: string, call?: CallOptions): Promise<void>;
  setBroadcastLayout(
    broadcastId: string,
    type: LayoutType,
    stylesheet?: string,
    screenshareType?: ScreenshareType,
    call?: CallOptions,
  ): Promise<void>;

  /** Changes a running broadcast's resolution (`PATCH .../broadcast/{id}`). */
  updateBroadcast(broadcastId: string, options: BroadcastUpdate, call?: CallOptions): Promise<void>;

  /** Starts live captions; the token must be a moderator token for the session. */
  startCaptions(
    sessionId: string,
    token: string,
    options?: CaptionOptions,
    call?: CallOptions,
  ): Promise<CaptionsStarted>;
  stopCaptions(captionsId: string, call?: CallOptions): Promise<void>;
  getCaptionStatus(captionsId: string, call?: CallOptions): Promise<CaptionStatus>;

  /** Registers the project-wide URL for one event group's event. */
  registerCallback(registration: CallbackRegistration, call?: CallOptions): Promise<ProjectCallback>;
  unregisterCallback(callbackId: string, call?: CallOptions): Promise<void>;
  listCallbacks(call?: CallOptions): Promise<ProjectCallback[]>;

  startRender(options: RenderOptions, call?: CallOptions): Promise<Render>;
  stopRender(renderId: string, call?: CallOptions): Promise<void>;
  getRender(renderId: string, call?: CallOptions): Promise<Render>;
  listRenders(options?: ListOptions, call?: CallOptions): Promise<Page<Render>>;

  getStream(sessionId: string, streamId: string, call?: CallOptions): Promise<Stream>;
  listStreams(sessionId: string, call?: CallOptions): Promise<Stream[]>;
  setStreamClassLists(sessionId: string, classLists: StreamClassList[], call?: CallOptions): Promise<void>;
  /** Lists a session's connections (not in the Node SDK; optional so other VideoApi fakes need not have it). */
  listConnections?(sessionId: string, call?: CallOptions): Promise<SessionConnection[]>;

  forceDisconnect(sessionId: string, connectionId: string, call?: CallOptions): Promise<void>;
  forceMuteStream(sessionId: string, streamId: string, call?: CallOptions): Promise<void>;
  forceMuteAll(
    sessionId: string,
    options?: { excludedStreamIds?: string[] },
    call?: CallOptions,
  ): Promise<void>;
  disableForceMute(sessionId: string, call?: CallOptions): Promise<void>;
  signal(
    sessionId: string,
    connectionId: string | null,
    payload: SignalPayload,
    call?: CallOptions,
  ): Promise<void>;

  dial(
    sessionId: string,
    token: string,
    sipUri: string,
    options?: DialOptions,
    call?: CallOptions,
  ): Promise<SipCall>;
  playDTMF(sessionId: string, connectionId: string | null, digits: string, call?: CallOptions): Promise<void>;
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    options?: WebsocketOptions,
    call?: CallOptions,
  ): Promise<AudioConnection>;
  /** Stops an Audio Connector connection (Vonage: POST .../connect/{id}/stop; OpenTok: force-disconnects its connection). */
  disconnectWebsocket?(sessionId: string, connectionId: string, call?: CallOptions): Promise<void>;
}
