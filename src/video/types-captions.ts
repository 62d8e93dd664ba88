import { z } from 'zod';

// Types of the newer Video API surface: live captions, post-call transcription of archives and the
// project callback registry. Result schemas are lenient like those in types.ts.

/** Options of a live-captions start (`POST .../captions`). */
export interface CaptionOptions {
  /** BCP-47 code of the spoken language, e.g. `en-US` (the default). */
  languageCode?: string;
  /** Seconds of captioning before it stops by itself: 300 to 14 400 (the default). */
  maxDuration?: number;
  /** Faster, less accurate partial captions (default true). */
  partialCaptions?: boolean;
  /** An http(s) URL of 15 to 2048 characters that receives caption status callbacks. */
  statusCallbackUrl?: string;
}

/** What a live-captions start answers. */
export const CaptionsStartedSchema = z.looseObject({ captionsId: z.string() });
export type CaptionsStarted = z.infer<typeof CaptionsStartedSchema>;

/** The state of a live-captions run (`GET .../captions/{id}` and the caption status callback). */
export const CaptionStatusSchema = z.looseObject({
  captionId: z.string(),
  sessionId: z.string(),
  applicationId: z.string().optional(),
  projectId: z.union([z.string(), z.number()]).optional(),
  status: z.enum(['started', 'stopped', 'paused', 'failed']),
  createdAt: z.number().optional(),
  updatedAt: z.number().optional(),
  duration: z.number().optional(),
  languageCode: z.string().optional(),
  provider: z.string().optional(),
  reason: z.string().optional(),
});
export type CaptionStatus = z.infer<typeof CaptionStatusSchema>;

/** Post-call transcription settings of an archive (`transcriptionProperties`). */
export interface TranscriptionProperties {
  /** BCP-47 code of the main spoken language (default `en-US`). */
  primaryLanguageCode?: string;
  /** Adds an AI-generated summary to the transcription (default false). */
  hasSummary?: boolean;
}

/** The transcription an archive reports once `hasTranscription` was requested. */
export const TranscriptionSchema = z.looseObject({
  /** e.g. `requested`, `started`, `available`, `failed`. */
  status: z.string().optional(),
  reason: z.string().nullable().optional(),
  /** Where the transcription JSON can be downloaded, once available. */
  url: z.string().nullable().optional(),
  primaryLanguageCode: z.string().optional(),
  hasSummary: z.boolean().optional(),
});
export type Transcription = z.infer<typeof TranscriptionSchema>;

/** The event groups of the project callback registry and the events each one carries. */
export const CALLBACK_EVENTS = {
  session: ['created', 'destroyed', 'notification'],
  connection: ['created', 'destroyed'],
  stream: ['created', 'destroyed'],
  archive: ['status'],
  broadcast: ['status'],
  render: ['status'],
  captions: ['status'],
  sip: ['callCreated', 'callUpdated', 'callDestroyed', 'muteForced'],
} as const;
/** A callback event group. */
export type CallbackGroup = keyof typeof CALLBACK_EVENTS;

/** What to register: the URL that receives one group's event. */
export interface CallbackRegistration {
  group: CallbackGroup;
  event: string;
  url: string;
}

/** A registered project callback. */
export const ProjectCallbackSchema = z.looseObject({
  id: z.string(),
  group: z.string(),
  event: z.string(),
  url: z.string(),
  createdAt: z.number().optional(),
});
export type ProjectCallback = z.infer<typeof ProjectCallbackSchema>;

/** What `updateBroadcast` can change on a running broadcast. */
export interface BroadcastUpdate {
  resolution: '640x480' | '480x640' | '1280x720' | '720x1280' | '1920x1080' | '1080x1920';
}
