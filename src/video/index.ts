// Public entry point of the Video client.
export { VideoClient } from './client.js';
export type {
  VideoClientOptions,
  ProjectCredentials,
  ApplicationCredentials,
  VideoClientCommonOptions,
} from './credentials.js';
export type { RetryOptions } from './retry.js';
export type { VideoApi } from './api.js';
export { VideoError, isVideoError, type VideoErrorCode, type VideoErrorInit } from './errors.js';
export { decodeSessionId, encodeSessionId, sessionProjectId, type DecodedSessionId } from './session-id.js';
export * from './types.js';
export * from './types-captions.js';
