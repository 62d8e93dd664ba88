import { HttpError } from './http.js';
import { newId } from './ids.js';
import type { TokenGrant } from './tokens.js';
import type { SessionRecord } from './types.js';
import { objectBody, optBool, optInt, optString, reqString } from './validate.js';
import type { World } from './world.js';

// Live captions: one run per session, started with a moderator token, stopped on request or when
// maxDuration (emulated seconds) runs out. Each change sends a caption status callback (to the run's
// statusCallbackUrl, else the project's registered captions URL, else the emulator-wide URL).

/** A live-captions run. */
export interface CaptionRecord {
  id: string;
  sessionId: string;
  projectId: string;
  status: 'started' | 'stopped' | 'failed';
  languageCode: string;
  maxDuration: number;
  partialCaptions: boolean;
  callbackUrl?: string;
  reason?: string;
  createdAt: number;
  updatedAt: number;
  stoppedAt?: number;
  cancelTimer?: () => void;
}

/** Parses and checks a start-captions body. */
export function parseCaptionOptions(raw: unknown): {
  sessionId: string;
  token: string;
  languageCode: string;
  maxDuration: number;
  partialCaptions: boolean;
  callbackUrl?: string;
} {
  const body = objectBody(raw);
  const languageCode = optString(body, 'languageCode', 20) ?? 'en-US';
  if (!/^[a-z]{2,3}-[A-Z]{2}$/.test(languageCode))
    throw new HttpError(400, 'languageCode must be a supported BCP-47 code such as en-US.');
  const callbackUrl = optString(body, 'statusCallbackUrl', 2048);
  if (callbackUrl !== undefined && (callbackUrl.length < 15 || !/^https?:\/\//.test(callbackUrl)))
    throw new HttpError(400, 'statusCallbackUrl must be an http or https URL of 15 to 2048 characters.');
  return {
    sessionId: reqString(body, 'sessionId'),
    token: reqString(body, 'token'),
    languageCode,
    maxDuration: optInt(body, 'maxDuration', 300, 14_400) ?? 14_400,
    partialCaptions: optBool(body, 'partialCaptions') ?? true,
    callbackUrl,
  };
}

/** Starts captions (409 when relayed or already captioning; 400 without a moderator token). */
export function startCaptionRun(
  world: World,
  session: SessionRecord,
  opts: ReturnType<typeof parseCaptionOptions>,
  grant: TokenGrant,
): CaptionRecord {
  if (grant.role !== 'moderator') throw new HttpError(400, 'The captions token needs the moderator role.');
  if (session.mediaMode !== 'routed')
    throw new HttpError(409, 'Live captions need a routed session; this session is relayed.');
  for (const c of world.captions.values())
    if (c.sessionId === session.id && c.status === 'started')
      throw new HttpError(409, 'Live captions have already started for this session.');
  const now = Date.now();
  const rec: CaptionRecord = {
    id: newId(),
    sessionId: session.id,
    projectId: session.projectId,
    status: 'started',
    languageCode: opts.languageCode,
    maxDuration: opts.maxDuration,
    partialCaptions: opts.partialCaptions,
    callbackUrl: opts.callbackUrl,
    createdAt: now,
    updatedAt: now,
  };
  world.captions.set(rec.id, rec);
  rec.cancelTimer = world.later(rec.maxDuration * world.timing.secondMs, () =>
    stopCaptionRun(world, rec, 'Max Duration Exceeded'),
  );
  emitCaption(world, rec);
  tickCaptions(world, rec, 1);
  return rec;
}

/** Emulated caption lines: every few seconds, to each client that listens, who is speaking. */
const CAPTION_EVERY_S = 3;
const tickers = new WeakMap<CaptionRecord, () => void>();

function tickCaptions(world: World, rec: CaptionRecord, n: number): void {
  const cancel = world.later(CAPTION_EVERY_S * world.timing.secondMs, () => {
    if (rec.status !== 'started') return;
    const session = world.sessions.get(rec.sessionId);
    // Speakers take turns among the streams with audio, in the order they were published: the
    // Map keeps insertion order, which createdAt cannot (two publishes in one millisecond tie).
    const speakers = [...(session?.streams.values() ?? [])].filter((st) => st.hasAudio && !st.audioMuted);
    const speaker = speakers[(n - 1) % Math.max(1, speakers.length)];
    if (session && speaker) {
      const text = `(emulated caption ${n}, ${rec.languageCode}) ${speaker.name || 'Someone'} is speaking.`;
      for (const id of session.connections.keys())
        world.feeds.push(id, { type: 'caption', speaker: speaker.name || 'Someone', text });
    }
    tickCaptions(world, rec, n + 1);
  });
  tickers.set(rec, cancel);
}

/** Stops a run (409 when it already stopped). */
export function stopCaptionRun(world: World, rec: CaptionRecord, reason = 'Stop Requested'): void {
  if (rec.status !== 'started') throw new HttpError(409, 'Live captions have already stopped.');
  rec.cancelTimer?.();
  tickers.get(rec)?.();
  rec.status = 'stopped';
  rec.reason = reason;
  rec.updatedAt = rec.stoppedAt = Date.now();
  emitCaption(world, rec);
}

/** A run as `GET .../captions/{id}` and the caption status callback report it. */
export function captionJson(rec: CaptionRecord): Record<string, unknown> {
  const end = rec.stoppedAt ?? Date.now();
  return {
    captionId: rec.id,
    applicationId: rec.projectId,
    sessionId: rec.sessionId,
    status: rec.status,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    duration: Math.round((end - rec.createdAt) / 1000),
    languageCode: rec.languageCode,
    provider: 'aws-transcribe',
    ...(rec.reason ? { reason: rec.reason } : {}),
  };
}

function emitCaption(world: World, rec: CaptionRecord): void {
  world.emit(rec.sessionId, { ...captionJson(rec), group: 'captions' }, rec.callbackUrl);
}
