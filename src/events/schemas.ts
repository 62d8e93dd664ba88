import { z } from 'zod';
import { cleanName } from '../text/clean.js';

// Lenient callback schemas: Vonage adds fields over time and OpenTok/unified payloads differ
// (projectId | partnerId | applicationId), so only what we use is checked and the rest passes.

const id = z.union([z.string(), z.number()]).transform(String);
const ms = z.coerce.number().finite();

const ConnectionJson = z.looseObject({
  id: z.string().min(1),
  createdAt: ms.optional(),
  data: z.string().nullable().optional(),
});

/** Session monitoring: connection and stream lifecycle. */
export const SessionEventSchema = z.looseObject({
  sessionId: z.string().min(1),
  event: z.enum([
    'sessionCreated',
    'sessionDestroyed',
    'connectionCreated',
    'connectionDestroyed',
    'streamCreated',
    'streamDestroyed',
    'sessionNotification',
  ]),
  timestamp: ms,
  reason: z.string().nullable().optional(),
  connection: ConnectionJson.optional(),
  stream: z
    .looseObject({
      id: z.string().min(1),
      connection: ConnectionJson,
      createdAt: ms.optional(),
      name: z.string().transform(cleanName).nullable().optional(),
      videoType: z.enum(['camera', 'screen', 'custom']).nullable().optional().catch(null),
    })
    .optional(),
});
export type SessionEvent = z.infer<typeof SessionEventSchema>;

/** Archive status callback (also the REST archive object, used by reconciliation). */
export const ArchiveEventSchema = z.looseObject({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  status: z.string().min(1),
  name: z.string().transform(cleanName).nullable().optional(),
  reason: z.string().nullable().optional(),
  createdAt: ms,
  updatedAt: ms.optional(),
  duration: ms.optional().default(0),
  size: ms.optional().default(0),
  outputMode: z.enum(['composed', 'individual']).optional().catch(undefined),
  hasTranscription: z.boolean().optional().catch(undefined),
  /** Post-call transcription (when requested): its status, language and whether a summary was asked. */
  transcription: z
    .looseObject({
      status: z.string().min(1).optional(),
      primaryLanguageCode: z.string().max(20).optional().catch(undefined),
      hasSummary: z.boolean().optional().catch(undefined),
      url: z.string().nullable().optional(),
    })
    .optional()
    .catch(undefined),
});
export type ArchiveEvent = z.infer<typeof ArchiveEventSchema>;

/** Broadcast status callback (mirrors the REST broadcast object). Stream names are dropped here. */
export const BroadcastEventSchema = z.looseObject({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  status: z.string().min(1),
  createdAt: ms,
  updatedAt: ms.optional(),
  broadcastUrls: z
    .looseObject({
      hls: z.string().optional(),
      rtmp: z
        .array(z.looseObject({ id: id.optional(), serverUrl: z.string(), status: z.string().optional() }))
        .optional(),
    })
    .optional(),
});
export type BroadcastEvent = z.infer<typeof BroadcastEventSchema>;

/** Experience Composer status callback. */
export const RenderEventSchema = z.looseObject({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  status: z.string().min(1),
  url: z.string().optional(),
  streamId: z.string().nullable().optional(),
  createdAt: ms.optional(),
  updatedAt: ms.optional(),
});
export type RenderEvent = z.infer<typeof RenderEventSchema>;

/** Live-captions status callback (also the REST caption status, same shape). */
export const CaptionEventSchema = z.looseObject({
  captionId: z.string().min(1),
  sessionId: z.string().min(1),
  status: z.string().min(1),
  languageCode: z.string().max(20).optional().default('en-US'),
  createdAt: ms,
  updatedAt: ms.optional(),
  reason: z.string().nullable().optional(),
});
export type CaptionEvent = z.infer<typeof CaptionEventSchema>;

/** SIP call monitoring. */
export const SipEventSchema = z.looseObject({
  sessionId: z.string().min(1),
  event: z.enum(['callCreated', 'callUpdated', 'callDestroyed', 'muteForced']),
  timestamp: ms,
  state: z.string().optional(),
  reason_code: z.coerce.number().optional(),
  reason_message: z.string().optional(),
  call: z.looseObject({ id: z.string().min(1), connectionId: z.string().min(1), createdAt: ms.optional() }),
});
export type SipEvent = z.infer<typeof SipEventSchema>;

/** A recognised callback, tagged by the URL family it would come from. */
export type Callback =
  | { type: 'session'; event: SessionEvent }
  | { type: 'archive'; event: ArchiveEvent }
  | { type: 'broadcast'; event: BroadcastEvent }
  | { type: 'render'; event: RenderEvent }
  | { type: 'sip'; event: SipEvent }
  | { type: 'captions'; event: CaptionEvent };

const SIP_EVENTS = new Set(['callCreated', 'callUpdated', 'callDestroyed', 'muteForced']);

/**
 * Classifies and validates a callback body. Every type may arrive at the one URL, so the shape
 * decides; returns an error sentence instead of throwing.
 */
export function parseCallback(
  body: unknown,
): { ok: true; callback: Callback } | { ok: false; error: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, error: 'The callback body is not a JSON object.' };
  const b = body as Record<string, unknown>;
  const ev = typeof b.event === 'string' ? b.event : undefined;
  const pick = <T extends Callback['type']>(type: T, schema: z.ZodType) => {
    const r = schema.safeParse(b);
    if (!r.success) {
      const issue = r.error.issues[0];
      return {
        ok: false as const,
        error: `The ${type} callback is missing or has a bad ${issue?.path.join('.') || 'field'}.`,
      };
    }
    return { ok: true as const, callback: { type, event: r.data } as Callback };
  };
  if (ev && SIP_EVENTS.has(ev)) return pick('sip', SipEventSchema);
  if (ev === undefined && b.captionId !== undefined) return pick('captions', CaptionEventSchema);
  if (ev === 'archive') return pick('archive', ArchiveEventSchema);
  if (ev === 'broadcast' || (ev === undefined && b.broadcastUrls !== undefined))
    return pick('broadcast', BroadcastEventSchema);
  if (ev === 'render' || ev === 'experienceComposer') return pick('render', RenderEventSchema);
  if (ev === undefined && typeof b.outputMode === 'string') return pick('archive', ArchiveEventSchema);
  return pick('session', SessionEventSchema);
}
