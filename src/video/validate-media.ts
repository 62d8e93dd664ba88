// Checks for the composed-media options: layouts, resolutions, archive, broadcast and render options,
// following the documented limits (see the issue list and server-sdk-methods.txt).
import type { ArchiveOptions, BroadcastOptions, Layout, RenderOptions } from './types.js';
import { fail, intRange, maxChars, oneOf, optBool, optString, sessionId, url } from './validate.js';

/** Resolutions the service accepts for archives, broadcasts, renders and auto-archives. */
export const RESOLUTIONS = ['640x480', '480x640', '1280x720', '720x1280', '1920x1080', '1080x1920'] as const;
/** Layout types for composed archives and broadcasts. */
export const LAYOUT_TYPES = [
  'bestFit',
  'pip',
  'verticalPresentation',
  'horizontalPresentation',
  'focus',
  'custom',
] as const;
/** Layout types allowed as `screenshareType`. */
export const SCREENSHARE_TYPES = [
  'bestFit',
  'pip',
  'verticalPresentation',
  'horizontalPresentation',
] as const;
const STREAM_MODES = ['auto', 'manual'] as const;

/** Checks a layout triple: type, custom needs a stylesheet, screenshareType needs bestFit. */
export function layoutArgs(
  type: unknown,
  stylesheet: unknown,
  screenshareType: unknown,
  field = 'layout',
): void {
  if (type === undefined) fail(`${field}.type is required.`);
  oneOf(type, `${field}.type`, LAYOUT_TYPES);
  if (stylesheet !== undefined && stylesheet !== null && typeof stylesheet !== 'string')
    fail(`${field}.stylesheet must be a string.`);
  if (type === 'custom' && !stylesheet) fail(`${field}.stylesheet is required when ${field}.type is custom.`);
  if (type !== 'custom' && stylesheet)
    fail(`${field}.stylesheet is only allowed when ${field}.type is custom.`);
  if (screenshareType !== undefined && screenshareType !== null) {
    oneOf(screenshareType, `${field}.screenshareType`, SCREENSHARE_TYPES);
    if (type !== 'bestFit') fail(`${field}.screenshareType requires ${field}.type to be bestFit.`);
  }
}

function layout(value: Layout | undefined): void {
  if (value === undefined) return;
  if (!value || typeof value !== 'object') fail('layout must be an object with a type.');
  layoutArgs(value.type, value.stylesheet, value.screenshareType);
}

function audioVideo(hasAudio: unknown, hasVideo: unknown): void {
  optBool(hasAudio, 'hasAudio');
  optBool(hasVideo, 'hasVideo');
  if (hasAudio === false && hasVideo === false) fail('hasAudio and hasVideo cannot both be false.');
}

/** Checks startArchive options. */
export function archiveOptions(o: ArchiveOptions | undefined): void {
  if (o === undefined) return;
  if (!o || typeof o !== 'object') fail('archive options must be an object.');
  maxChars(o.name, 'name', 80);
  audioVideo(o.hasAudio, o.hasVideo);
  oneOf(o.outputMode, 'outputMode', ['composed', 'individual']);
  oneOf(o.resolution, 'resolution', RESOLUTIONS);
  oneOf(o.streamMode, 'streamMode', STREAM_MODES);
  layout(o.layout);
  maxChars(o.multiArchiveTag, 'multiArchiveTag', 80);
  intRange(o.maxBitrate, 'maxBitrate', 100_000, 6_000_000);
  intRange(o.quantizationParameter, 'quantizationParameter', 15, 40);
  if (o.maxBitrate !== undefined && o.quantizationParameter !== undefined) {
    fail('maxBitrate and quantizationParameter cannot be set together.');
  }
  if (o.outputMode === 'individual' && (o.maxBitrate !== undefined || o.quantizationParameter !== undefined))
    fail('maxBitrate and quantizationParameter apply only to composed archives.');
  transcription(o);
}

/** BCP-47 language tags as the caption and transcription services take them, e.g. en-US or fil-PH. */
export const LANGUAGE_TAG = /^[a-z]{2,3}-[A-Z]{2}$/;

function transcription(o: ArchiveOptions): void {
  optBool(o.hasTranscription, 'hasTranscription');
  const p = o.transcriptionProperties;
  if (p !== undefined && o.hasTranscription !== true)
    fail('transcriptionProperties needs hasTranscription set to true.');
  if (o.hasTranscription !== true) return;
  if (o.outputMode !== 'individual')
    fail('hasTranscription needs outputMode individual (transcriptions are made per stream).');
  if (o.hasAudio === false) fail('hasTranscription needs hasAudio (a transcription is made from audio).');
  if (p === undefined) return;
  if (!p || typeof p !== 'object') fail('transcriptionProperties must be an object.');
  if (p.primaryLanguageCode !== undefined && !LANGUAGE_TAG.test(String(p.primaryLanguageCode)))
    fail('transcriptionProperties.primaryLanguageCode must be a language tag such as en-US.');
  optBool(p.hasSummary, 'transcriptionProperties.hasSummary');
}

/** Checks startBroadcast options. */
export function broadcastOptions(o: BroadcastOptions): void {
  if (!o || typeof o !== 'object') fail('broadcast options must be an object with outputs.');
  const out = o.outputs;
  if (!out || typeof out !== 'object' || (out.hls === undefined && out.rtmp === undefined)) {
    fail('outputs must include hls, rtmp or both.');
  }
  if (out.hls !== undefined) {
    if (!out.hls || typeof out.hls !== 'object') fail('outputs.hls must be an object.');
    optBool(out.hls.dvr, 'outputs.hls.dvr');
    optBool(out.hls.lowLatency, 'outputs.hls.lowLatency');
    if (out.hls.dvr && out.hls.lowLatency) fail('outputs.hls cannot set both dvr and lowLatency.');
  }
  if (out.rtmp !== undefined) {
    if (!Array.isArray(out.rtmp) || out.rtmp.length === 0) fail('outputs.rtmp must be a non-empty array.');
    if (out.rtmp.length > 5) fail('outputs.rtmp can have at most 5 targets.');
    out.rtmp.forEach((t, i) => {
      if (!t || typeof t !== 'object') fail(`outputs.rtmp[${i}] must be an object.`);
      url(t.serverUrl, `outputs.rtmp[${i}].serverUrl`, ['rtmp:', 'rtmps:']);
      optString(t.streamName, `outputs.rtmp[${i}].streamName`);
      if (t.streamName === undefined) fail(`outputs.rtmp[${i}].streamName is required.`);
      optString(t.id, `outputs.rtmp[${i}].id`);
    });
  }
  intRange(o.maxDuration, 'maxDuration', 60, 36_000);
  oneOf(o.resolution, 'resolution', RESOLUTIONS);
  oneOf(o.streamMode, 'streamMode', STREAM_MODES);
  layout(o.layout);
  maxChars(o.multiBroadcastTag, 'multiBroadcastTag', 80);
  intRange(o.maxBitrate, 'maxBitrate', 100_000, 6_000_000);
  audioVideo(o.hasAudio, o.hasVideo);
}

/** Checks startRender options. */
export function renderOptions(o: RenderOptions): void {
  if (!o || typeof o !== 'object') fail('render options must be an object with sessionId, token and url.');
  sessionId(o.sessionId);
  if (typeof o.token !== 'string' || o.token.length === 0) fail('token must be a non-empty string.');
  url(o.url, 'url', ['https:', 'http:']);
  intRange(o.maxDuration, 'maxDuration', 60, 36_000);
  oneOf(o.resolution, 'resolution', RESOLUTIONS);
  if (o.statusCallbackUrl !== undefined) url(o.statusCallbackUrl, 'statusCallbackUrl', ['https:', 'http:']);
  if (o.properties !== undefined) {
    if (!o.properties || typeof o.properties !== 'object') fail('properties must be an object.');
    maxChars(o.properties.name, 'properties.name', 200);
  }
}
