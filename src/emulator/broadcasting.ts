import { HttpError } from './http.js';
import { newId } from './ids.js';
import { broadcastJson } from './serialize.js';
import type { BroadcastRecord, SessionRecord } from './types.js';
import {
  layout,
  objectBody,
  optBool,
  optEnum,
  optInt,
  optObject,
  optString,
  RESOLUTIONS,
  reqString,
} from './validate.js';
import type { World } from './world.js';

// Live-streaming broadcasts: HLS and up to 5 RTMP outputs; started -> stopped on request or when
// maxDuration (in emulated seconds, see Timing.secondMs) runs out.

type BroadcastInput = Omit<
  BroadcastRecord,
  'id' | 'projectId' | 'createdAt' | 'updatedAt' | 'status' | 'cancelTimer'
>;

/** Parses and checks a start-broadcast body. */
export function parseBroadcastOptions(raw: unknown, baseUrl: string): BroadcastInput {
  const body = objectBody(raw);
  const sessionId = reqString(body, 'sessionId');
  const outputs = optObject(body, 'outputs');
  if (!outputs) throw new HttpError(400, 'outputs is required: give outputs.hls, outputs.rtmp or both.');
  const hlsIn = optObject(outputs, 'hls');
  const rtmpIn = outputs.rtmp ?? [];
  if (!Array.isArray(rtmpIn)) throw new HttpError(400, 'outputs.rtmp must be an array.');
  if (!hlsIn && rtmpIn.length === 0)
    throw new HttpError(400, 'outputs needs an hls output or at least one rtmp output.');
  if (rtmpIn.length > 5) throw new HttpError(400, 'A broadcast can have at most 5 RTMP outputs.');
  const id = newId();
  const rtmp = rtmpIn.map((item: unknown, i: number) => {
    const r = objectBody(item);
    const serverUrl = reqString(r, 'serverUrl', 2048);
    if (!/^rtmps?:\/\//.test(serverUrl))
      throw new HttpError(400, `outputs.rtmp[${i}].serverUrl must be an rtmp:// or rtmps:// URL.`);
    return {
      id: optString(r, 'id', 200) ?? `rtmp-${i + 1}`,
      serverUrl,
      streamName: reqString(r, 'streamName', 2048),
      status: 'connecting',
    };
  });
  let hls: BroadcastInput['hls'];
  if (hlsIn) {
    const dvr = optBool(hlsIn, 'dvr') ?? false;
    const lowLatency = optBool(hlsIn, 'lowLatency') ?? false;
    if (dvr && lowLatency) throw new HttpError(400, 'HLS cannot have both dvr and lowLatency.');
    hls = { url: hlsUrl(baseUrl, id), status: 'connecting', dvr, lowLatency };
  }
  const hasAudio = optBool(body, 'hasAudio') ?? true;
  const hasVideo = optBool(body, 'hasVideo') ?? true;
  if (!hasAudio && !hasVideo) throw new HttpError(400, 'hasAudio and hasVideo cannot both be false.');
  const layoutBody = optObject(body, 'layout');
  return {
    sessionId,
    resolution: optEnum(body, 'resolution', RESOLUTIONS) ?? '640x480',
    maxDuration: optInt(body, 'maxDuration', 60, 36_000) ?? 14_400,
    maxBitrate: optInt(body, 'maxBitrate', 100_000, 6_000_000),
    streamMode: optEnum(body, 'streamMode', ['auto', 'manual'] as const) ?? 'auto',
    multiBroadcastTag: optString(body, 'multiBroadcastTag', 200),
    hasAudio,
    hasVideo,
    layout: layoutBody ? layout(layoutBody) : { type: 'bestFit' },
    hls,
    rtmp,
    manualStreams: new Map(),
  };
}

/** Starts a broadcast (409 when relayed or already broadcasting with the same multiBroadcastTag). */
export function createBroadcast(
  world: World,
  session: SessionRecord,
  input: BroadcastInput,
): BroadcastRecord {
  if (session.mediaMode === 'relayed')
    throw new HttpError(409, 'Broadcasting needs a routed session; this session is relayed.');
  for (const other of session.liveBroadcasts) {
    if ((other.multiBroadcastTag ?? '') === (input.multiBroadcastTag ?? '')) {
      throw new HttpError(409, 'The session is already being broadcast (use a different multiBroadcastTag).');
    }
  }
  const now = Date.now();
  const id = input.hls ? /\/hls\/([^/]+)\//.exec(input.hls.url)![1]! : newId();
  const b: BroadcastRecord = {
    ...input,
    id,
    projectId: session.projectId,
    createdAt: now,
    updatedAt: now,
    status: 'started',
  };
  world.broadcasts.set(b.id, b);
  session.liveBroadcasts.add(b);
  emitBroadcast(world, b);
  armBroadcast(world, b);
  return b;
}

/**
 * Schedules what a started broadcast still has ahead: its outputs going live after
 * `timing.renderStartMs` (announced with a callback, as the service reports output status changes)
 * and the maxDuration stop, counted from its real start.
 */
export function armBroadcast(world: World, b: BroadcastRecord): void {
  const connecting = b.rtmp.some((r) => r.status === 'connecting') || b.hls?.status === 'connecting';
  if (connecting)
    world.soon(world.timing.renderStartMs, () => {
      if (b.status !== 'started') return;
      for (const r of b.rtmp) if (r.status === 'connecting') r.status = 'live';
      if (b.hls?.status === 'connecting') b.hls.status = 'live';
      touch(b);
      emitBroadcast(world, b);
    });
  const left = b.createdAt + b.maxDuration * world.timing.secondMs - Date.now();
  b.cancelTimer = world.later(Math.max(0, left), () =>
    stopBroadcastRecord(world, b, 'maximum duration exceeded'),
  );
}

/** The HLS playlist URL the emulator serves for a broadcast. */
export function hlsUrl(baseUrl: string, broadcastId: string): string {
  return `${baseUrl}/_emulator/hls/${broadcastId}/index.m3u8`;
}

/** Moves updatedAt forward, strictly: two changes in one millisecond must still be two events. */
function touch(b: BroadcastRecord): void {
  b.updatedAt = Math.max(Date.now(), b.updatedAt + 1);
}

/** Stops a broadcast (409 when it already stopped). */
export function stopBroadcastRecord(world: World, b: BroadcastRecord, reason = 'user initiated'): void {
  if (b.status !== 'started') throw new HttpError(409, 'The broadcast has already stopped.');
  b.cancelTimer?.();
  b.status = 'stopped';
  world.sessions.get(b.sessionId)?.liveBroadcasts.delete(b);
  touch(b);
  for (const r of b.rtmp) r.status = 'offline';
  if (b.hls) b.hls.status = 'ended';
  emitBroadcast(world, b, reason);
}

function emitBroadcast(world: World, b: BroadcastRecord, reason?: string): void {
  const appId = world.creds.isApplication(b.projectId) ? b.projectId : undefined;
  world.emit(b.sessionId, {
    ...broadcastJson(b, world.sessions.get(b.sessionId), appId),
    event: 'broadcast',
    ...(reason ? { reason } : {}),
  });
}
