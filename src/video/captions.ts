// Live captions under /v2/project/{id}/captions: start, stop and status.
import { type Ctx, jsonParser } from './context.js';
import type { CallOptions } from './types.js';
import {
  CaptionStatusSchema,
  CaptionsStartedSchema,
  type CaptionOptions,
  type CaptionStatus,
  type CaptionsStarted,
} from './types-captions.js';
import { LANGUAGE_TAG } from './validate-media.js';
import { fail, id, intRange, optBool, sessionId } from './validate.js';

const parseStarted = jsonParser(CaptionsStartedSchema);
const parseStatus = jsonParser(CaptionStatusSchema);

/** Checks caption options against the documented limits. */
export function captionOptions(token: unknown, o: CaptionOptions | undefined): void {
  if (typeof token !== 'string' || token.length === 0)
    fail('token must be a non-empty string (a moderator token for the session).');
  if (o === undefined) return;
  if (!o || typeof o !== 'object') fail('caption options must be an object.');
  if (o.languageCode !== undefined && !LANGUAGE_TAG.test(String(o.languageCode)))
    fail('languageCode must be a language tag such as en-US.');
  intRange(o.maxDuration, 'maxDuration', 300, 14_400);
  optBool(o.partialCaptions, 'partialCaptions');
  const url = o.statusCallbackUrl;
  if (url !== undefined) {
    let ok = typeof url === 'string' && url.length >= 15 && url.length <= 2048;
    try {
      ok &&= ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) fail('statusCallbackUrl must be an http or https URL of 15 to 2048 characters.');
  }
}

/** Starts live captions for a session; only the options given are sent (the service fills defaults). */
export function startCaptions(
  ctx: Ctx,
  sid: string,
  token: string,
  o: CaptionOptions = {},
  call?: CallOptions,
): Promise<CaptionsStarted> {
  sessionId(sid);
  captionOptions(token, o);
  const body = JSON.stringify({
    sessionId: sid,
    token,
    languageCode: o.languageCode,
    maxDuration: o.maxDuration,
    partialCaptions: o.partialCaptions,
    statusCallbackUrl: o.statusCallbackUrl,
  });
  return ctx.transport.send(
    {
      method: 'POST',
      path: `${ctx.p}/captions`,
      body,
      idempotent: false,
      what: 'session',
      parse: parseStarted,
    },
    call,
  );
}

/** Stops live captions (safe to repeat). */
export function stopCaptions(ctx: Ctx, captionsId: string, call?: CallOptions): Promise<void> {
  const path = `${ctx.p}/captions/${id(captionsId, 'captionsId')}/stop`;
  return ctx.transport.send({ method: 'POST', path, idempotent: true, what: 'captions' }, call);
}

/** Reads the status of a live-captions run. */
export function getCaptionStatus(ctx: Ctx, captionsId: string, call?: CallOptions): Promise<CaptionStatus> {
  const path = `${ctx.p}/captions/${id(captionsId, 'captionsId')}`;
  return ctx.transport.send(
    { method: 'GET', path, idempotent: true, what: 'captions', parse: parseStatus },
    call,
  );
}
