import type { TranscriptionRecord } from './transcription.js';

// Plain data records of the emulator's world; every route and the control API read and write these.

/** A stream published by a connection. */
export interface StreamRecord {
  id: string;
  connectionId: string;
  sessionId: string;
  videoType: 'camera' | 'screen' | null;
  name: string;
  hasAudio: boolean;
  hasVideo: boolean;
  /** True once a force mute reached it (the client would stop sending audio). */
  audioMuted: boolean;
  layoutClassList: string[];
  createdAt: number;
}

/** What joined: a browser/client, a SIP call, an Audio Connector or an Experience Composer. */
export type ConnectionKind = 'client' | 'sip' | 'audio' | 'render';

/** A client connected to a session with a verified token. */
export interface ConnectionRecord {
  id: string;
  sessionId: string;
  kind: ConnectionKind;
  name: string;
  data: string;
  role: string;
  createdAt: number;
  streamIds: string[];
  /** initial_layout_class_list of the token, given to the connection's streams. */
  classList: string[];
  /**
   * Last heartbeat (ms) of a client that sends them, like the client SDKs do; such a connection is
   * destroyed (networkDisconnected) when they stop. Undefined: never times out (console `sim`).
   */
  heartbeatAt?: number;
}

/** An archive (recording). */
export interface ArchiveRecord {
  id: string;
  sessionId: string;
  projectId: string;
  name: string | null;
  status: 'started' | 'paused' | 'stopped' | 'available' | 'failed';
  reason: string;
  createdAt: number;
  updatedAt: number;
  stoppedAt?: number;
  duration: number;
  size: number;
  url: string | null;
  outputMode: 'composed' | 'individual';
  hasAudio: boolean;
  hasVideo: boolean;
  resolution: string | null;
  streamMode: 'auto' | 'manual';
  multiArchiveTag?: string;
  layout: Record<string, unknown>;
  maxBitrate?: number;
  quantizationParameter?: number;
  /** Post-call transcription, when requested with hasTranscription. */
  transcription?: TranscriptionRecord;
  /** Streams explicitly added (manual stream mode). */
  manualStreams: Map<string, { hasAudio: boolean; hasVideo: boolean }>;
  /** The armed auto-stop: 60 s after the last client left, or 60 min paused. */
  autoStop?: { kind: 'empty' | 'paused'; cancel: () => void };
}

/** A live-streaming broadcast. */
export interface BroadcastRecord {
  id: string;
  sessionId: string;
  projectId: string;
  createdAt: number;
  updatedAt: number;
  status: 'started' | 'stopped';
  resolution: string;
  maxDuration: number;
  maxBitrate?: number;
  streamMode: 'auto' | 'manual';
  multiBroadcastTag?: string;
  hasAudio: boolean;
  hasVideo: boolean;
  layout: Record<string, unknown>;
  hls?: { url: string; status: string; dvr: boolean; lowLatency: boolean };
  rtmp: Array<{ id: string; serverUrl: string; streamName: string; status: string }>;
  manualStreams: Map<string, { hasAudio: boolean; hasVideo: boolean }>;
  /** Cancels the maxDuration auto-stop. */
  cancelTimer?: () => void;
}

/** An Experience Composer render. */
export interface RenderRecord {
  id: string;
  sessionId: string;
  projectId: string;
  createdAt: number;
  updatedAt: number;
  url: string;
  resolution: string;
  status: 'starting' | 'started' | 'stopped' | 'failed';
  reason?: string;
  streamId?: string;
  connectionId?: string;
  callbackUrl?: string;
  maxDuration: number;
  name: string;
  /** Token data the composer connects with (kept so a restarted emulator can still start it). */
  data: string;
}

/** A SIP call dialled into a session. */
export interface SipCallRecord {
  id: string;
  sessionId: string;
  connectionId: string;
  streamId: string;
  uri: string;
  from?: string;
  observeForceMute: boolean;
  video: boolean;
  /** The streams the call hears, when the dial chose them (otherwise every stream of the session). */
  streams?: string[];
  state: 'DIALING' | 'RINGING' | 'ACTIVE' | 'HANGUP';
  createdAt: number;
}

/** An Audio Connector WebSocket leg. */
export interface AudioConnectionRecord {
  id: string;
  sessionId: string;
  connectionId: string;
  uri: string;
  streams: string[];
  audioRate: number;
  bidirectional: boolean;
  active: boolean;
  createdAt: number;
}

/** A session created through POST /session/create. */
export interface SessionRecord {
  id: string;
  projectId: string;
  mediaMode: 'routed' | 'relayed';
  archiveMode: 'manual' | 'always';
  archiveName?: string;
  archiveResolution?: string;
  location: string;
  e2ee: boolean;
  createdAt: number;
  connections: Map<string, ConnectionRecord>;
  streams: Map<string, StreamRecord>;
  muteAll: { active: boolean; excludedStreamIds: string[] };
  /** Archives in started or paused state (an index, so per-event work does not scan every archive). */
  liveArchives: Set<ArchiveRecord>;
  /** Broadcasts in started state. */
  liveBroadcasts: Set<BroadcastRecord>;
}

/** A signal sent through the REST API, recorded for tests. */
export interface SignalRecord {
  sessionId: string;
  /** Target connection, or null for the whole session. */
  connectionId: string | null;
  type: string;
  data: string;
  /** Connection IDs that received it. */
  recipients: string[];
  at: number;
}

/** DTMF digits played through the REST API, recorded for tests. */
export interface DtmfRecord {
  sessionId: string;
  connectionId: string | null;
  digits: string;
  at: number;
}

/** One callback and its delivery attempts. */
export interface CallbackDelivery {
  id: string;
  url: string;
  event: string;
  sessionId: string;
  payload: Record<string, unknown>;
  signed: boolean;
  attempts: number;
  /** HTTP status of each attempt (0 = network error). */
  statuses: number[];
  state: 'pending' | 'delivered' | 'failed';
  queuedAt: number;
  deliveredAt?: number;
}

/** An injected fault matched against incoming REST requests. */
export interface FaultRule {
  method?: string;
  /** A path prefix, or a regular expression source matched against the path. */
  path: string;
  status?: number;
  /** Probability 0..1 that a matching request is hit (default 1). */
  rate?: number;
  latencyMs?: number;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
  /** Stop after this many hits. */
  times?: number;
}

/** A read-only view of a session for tests and the join page. */
export interface SessionSnapshot {
  sessionId: string;
  projectId: string;
  mediaMode: string;
  archiveMode: string;
  connections: ConnectionRecord[];
  streams: StreamRecord[];
  archives: Array<Record<string, unknown>>;
  broadcasts: Array<Record<string, unknown>>;
  renders: Array<Record<string, unknown>>;
  sipCalls: SipCallRecord[];
  audioConnections: AudioConnectionRecord[];
  muteAll: { active: boolean; excludedStreamIds: string[] };
}
