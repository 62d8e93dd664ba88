// Live captions and the project callback registry in the OpenTok compatibility layer.
import { ArgumentError } from './opentok-errors.js';
import { callbackObject } from './opentok-results.js';
import { obj, refuse, settle, split, type Callback, type Core } from './opentok-support.js';
import type { CallbackRegistration, CaptionOptions } from './types-captions.js';

type Cb = Callback<never, never> | Callback<unknown> | undefined;

/**
 * startCaptions(sessionId, token, options?, cb): calls back with the captions ID. The SDK's defaults
 * are sent (en-US, 14 400 s, partial captions); statusCallbackUrl is sent too (the SDK drops it).
 */
export function startCaptions(c: Core, sessionId: unknown, token: unknown, args: unknown[]) {
  const [[o], cb] = split(args);
  const f = obj<CaptionOptions>(o) ?? {};
  const opts: CaptionOptions = {
    languageCode: f.languageCode ?? 'en-US',
    maxDuration: f.maxDuration ?? 14_400,
    partialCaptions: f.partialCaptions ?? true,
    statusCallbackUrl: f.statusCallbackUrl,
  };
  const p = c.client.startCaptions(sessionId as string, token as string, opts);
  return settle(c, 'startCaptions', p, cb, (r) => [r.captionsId]);
}

/** stopCaptions(captionsId, cb): calls back with true. */
export function stopCaptions(c: Core, captionsId: unknown, cb: Cb) {
  return settle(c, 'stopCaptions', c.client.stopCaptions(captionsId as string), cb, () => [true]);
}

/** registerCallback(options, cb): calls back with a Callback whose unregister() works. */
export function registerCallback(c: Core, args: unknown[]) {
  const [[o], cb] = split(args);
  const f = obj<CallbackRegistration>(o) ?? ({} as CallbackRegistration);
  const p = c.client
    .registerCallback({ group: f.group, event: f.event, url: f.url })
    .then((r) => callbackObject(c.ot, r));
  return settle(c, 'registerCallback', p, cb);
}

/** unregisterCallback(callbackId, cb). */
export function unregisterCallback(c: Core, callbackId: unknown, cb: Cb) {
  if (callbackId == null || (callbackId as { length?: number }).length === 0)
    return refuse(cb, new ArgumentError('No callback ID given'));
  return settle(c, 'unregisterCallback', c.client.unregisterCallback(callbackId as string), cb);
}

/** listCallbacks(options?, cb): calls back with Callback objects. */
export function listCallbacks(c: Core, args: unknown[]) {
  const [, cb] = split(args);
  const p = c.client.listCallbacks().then((list) => list.map((r) => callbackObject(c.ot, r)));
  return settle(c, 'listCallbacks', p, cb);
}
