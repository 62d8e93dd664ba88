import { z } from 'zod';
import { TranscriptionSchema, type TranscriptionProperties } from './types-captions.js';

// Result schemas are lenient (passthrough of unknown keys, most fields optional) because the service
// adds fields over time and callbacks/REST replies differ slightly between OpenTok and Vonage hosts.

/** A created session. */
export const SessionSchema = z.object({
  sessionId: z.string(),
  mediaMode: z.enum(['routed', 'relayed']),
  archiveMode: z.enum(['manual', 'always']),
  location: z.string().optional(),
  e2ee: z.boolean().optional(),
  archiveName: z.string().optional(),
  archiveResolution: z.string().optional(),
});
export type Session = z.infer<typeof SessionSchema>;

export const ArchiveStatusSchema = z.enum([
  'started',
  'paused',
  'stopped',
  'uploaded',
  'available',
  'expired',
  'failed',
]);
export type ArchiveStatus = z.infer<typeof ArchiveStatusSchema>;

/** An archive (recording) as the REST API reports it. */
export const ArchiveSchema = z.looseObject({
  id: z.string(),
  sessionId: z.string(),
  projectId: z.union([z.string(), z.number()]).optional(),
  name: z.string().nullable().optional(),
  status: ArchiveStatusSchema,
  reason: z.string().nullable().optional(),
  createdAt: z.number(),
  updatedAt: z.number().optional(),
  duration: z.number().default(0),
  size: z.number().default(0),
  url: z.string().nullable().optional(),
  outputMode: z.enum(['composed', 'individual']).optional(),
  hasAudio: z.boolean().optional(),
  hasVideo: z.boolean().optional(),
  resolution: z.string().nullable().optional(),
  streamMode: z.enum(['auto', 'manual']).optional(),
  multiArchiveTag: z.string().optional(),
  hasTranscription: z.boolean().optional(),
  transcription: TranscriptionSchema.optional(),
  streams: z
    .array(
      z.looseObject({
        streamId: z.string(),
        hasAudio: z.boolean().optional(),
        hasVideo: z.boolean().optional(),
      }),
    )
    .optional(),
});
export type Archive = z.infer<typeof ArchiveSchema>;

export const RtmpOutputSchema = z.looseObject({
  id: z.string().optional(),
  serverUrl: z.string(),
  streamName: z.string(),
  status: z.string().optional(),
});

/** A live-streaming broadcast as the REST API reports it. */
export const BroadcastSchema = z.looseObject({
  id: z.string(),
  sessionId: z.string(),
  projectId: z.union([z.string(), z.number()]).optional(),
  applicationId: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number().optional(),
  resolution: z.string().optional(),
  status: z.string(),
  maxDuration: z.number().optional(),
  maxBitrate: z.number().optional(),
  streamMode: z.enum(['auto', 'manual']).optional(),
  broadcastUrls: z
    .looseObject({
      hls: z.string().optional(),
      hlsStatus: z.string().optional(),
      rtmp: z.array(RtmpOutputSchema).optional(),
    })
    .optional(),
  streams: z
    .array(
      z.looseObject({
        streamId: z.string(),
        hasAudio: z.boolean().optional(),
        hasVideo: z.boolean().optional(),
      }),
    )
    .optional(),
});
export type Broadcast = z.infer<typeof BroadcastSchema>;

/** An Experience Composer render. */
export const RenderSchema = z.looseObject({
  id: z.string(),
  sessionId: z.string(),
  projectId: z.union([z.string(), z.number()]).optional(),
  applicationId: z.string().optional(),
  createdAt: z.number().optional(),
  updatedAt: z.number().optional(),
  url: z.string().optional(),
  resolution: z.string().optional(),
  status: z.enum(['starting', 'started', 'stopped', 'failed']),
  reason: z.string().optional(),
  streamId: z.string().optional(),
  callbackUrl: z.string().optional(),
});
export type Render = z.infer<typeof RenderSchema>;

/** A stream published in a session. */
export const StreamSchema = z.looseObject({
  id: z.string(),
  videoType: z.enum(['camera', 'screen', 'custom']).nullable().optional(),
  name: z.string().nullable().optional(),
  layoutClassList: z.array(z.string()).default([]),
});
export type Stream = z.infer<typeof StreamSchema>;

/** A connection to a session, as the Video API lists it (`GET .../session/{id}/connection`). */
export const SessionConnectionSchema = z.looseObject({
  connectionId: z.string(),
  connectionState: z.string().optional(),
  createdAt: z.number().optional(),
});
export type SessionConnection = z.infer<typeof SessionConnectionSchema>;

/** A SIP call dialled into a session. */
export const SipCallSchema = z.looseObject({
  id: z.string(),
  connectionId: z.string(),
  streamId: z.string().optional(),
});
export type SipCall = z.infer<typeof SipCallSchema>;

/** An Audio Connector WebSocket connection. */
export const AudioConnectionSchema = z.looseObject({ id: z.string(), connectionId: z.string() });
export type AudioConnection = z.infer<typeof AudioConnectionSchema>;

/** A page of a list call. */
export interface Page<T> {
  count: number;
  items: T[];
}

export type Role = 'publisher' | 'publisheronly' | 'subscriber' | 'moderator';
export type LayoutType =
  'bestFit' | 'pip' | 'verticalPresentation' | 'horizontalPresentation' | 'focus' | 'custom';
export type ScreenshareType = Exclude<LayoutType, 'custom' | 'focus'>;
export type Resolution = '640x480' | '480x640' | '1280x720' | '720x1280' | '1920x1080' | '1080x1920';

export interface Layout {
  type: LayoutType;
  stylesheet?: string;
  screenshareType?: ScreenshareType;
}

export interface SessionOptions {
  mediaMode?: 'routed' | 'relayed';
  archiveMode?: 'manual' | 'always';
  archiveName?: string;
  archiveResolution?: Resolution;
  location?: string;
  e2ee?: boolean;
}

export interface TokenOptions {
  role?: Role;
  /** Seconds since the epoch; default now + 24 h; at most 30 days away. */
  expireTime?: number;
  /** At most 1000 characters. */
  data?: string;
  initialLayoutClassList?: string[] | string;
  /** 'JWT' (default) or the legacy 'T1' format (OpenTok credentials only). */
  tokenFormat?: 'JWT' | 'T1';
}

export interface ArchiveOptions {
  name?: string;
  hasAudio?: boolean;
  hasVideo?: boolean;
  outputMode?: 'composed' | 'individual';
  layout?: Layout;
  resolution?: Resolution;
  streamMode?: 'auto' | 'manual';
  multiArchiveTag?: string;
  /** Bits per second, 100 000 to 6 000 000 (composed archives; not with quantizationParameter). */
  maxBitrate?: number;
  /** 15 to 40, lower is better quality (composed archives; not with maxBitrate). */
  quantizationParameter?: number;
  /** Post-call transcription (individual archives with audio only). */
  hasTranscription?: boolean;
  transcriptionProperties?: TranscriptionProperties;
}

export interface BroadcastOptions {
  outputs: {
    hls?: { dvr?: boolean; lowLatency?: boolean };
    rtmp?: Array<{ id?: string; serverUrl: string; streamName: string }>;
  };
  maxDuration?: number;
  resolution?: Resolution;
  layout?: Layout;
  streamMode?: 'auto' | 'manual';
  multiBroadcastTag?: string;
  maxBitrate?: number;
  hasAudio?: boolean;
  hasVideo?: boolean;
}

export interface RenderOptions {
  sessionId: string;
  token: string;
  url: string;
  maxDuration?: number;
  resolution?: Resolution;
  statusCallbackUrl?: string;
  properties?: { name?: string };
}

export interface ListOptions {
  offset?: number;
  /** 1..1000 */
  count?: number;
  sessionId?: string;
}

export interface StreamClassList {
  id: string;
  layoutClassList: string[];
}

export interface DialOptions {
  headers?: Record<string, string>;
  auth?: { username: string; password: string };
  secure?: boolean;
  from?: string;
  video?: boolean;
  observeForceMute?: boolean;
  streams?: string[];
}

export interface WebsocketOptions {
  streams?: string[];
  /** Total size of keys and values at most 512 bytes. */
  headers?: Record<string, string>;
  audioRate?: 8000 | 16000;
  bidirectional?: boolean;
}

export interface SignalPayload {
  /** At most 128 characters. */
  type?: string;
  /** At most 8 kB. */
  data: string;
}

/** Per-call options accepted as an optional last argument by every REST method. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}
