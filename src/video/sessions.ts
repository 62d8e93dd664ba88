// createSession: the one form-encoded call, posted to /session/create (no project prefix).
import { z } from 'zod';
import { type Ctx, jsonParser } from './context.js';
import type { CallOptions, Session, SessionOptions } from './types.js';
import { sessionOptions } from './validate-session.js';

const FORWARDED = new Set(['archiveMode', 'archiveName', 'archiveResolution', 'location', 'e2ee']);

const CreateReply = z.union([
  z.array(z.looseObject({ session_id: z.string() })).min(1),
  z.looseObject({ session_id: z.string() }).transform((v) => [v]),
]);
const parseCreateReply = jsonParser(CreateReply);

/** Builds the form body exactly like the official SDK for the documented options. */
export function sessionForm(o: SessionOptions): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (FORWARDED.has(k) && v !== undefined) form.append(k, String(v));
  if (!form.has('archiveMode')) form.append('archiveMode', 'manual');
  form.append('p2p.preference', o.mediaMode === 'routed' ? 'disabled' : 'enabled');
  return form.toString();
}

/** Creates a session (default media mode relayed, archive mode manual, as the official SDK). */
export async function createSession(ctx: Ctx, o: SessionOptions = {}, call?: CallOptions): Promise<Session> {
  sessionOptions(o);
  const reply = await ctx.transport.send(
    {
      method: 'POST',
      path: '/session/create',
      body: sessionForm(o),
      form: true,
      idempotent: false,
      what: 'session',
      parse: parseCreateReply,
    },
    call,
  );
  const session: Session = {
    sessionId: reply[0]!.session_id,
    mediaMode: o.mediaMode ?? 'relayed',
    archiveMode: o.archiveMode ?? 'manual',
  };
  if (o.location !== undefined) session.location = o.location;
  if (o.e2ee !== undefined) session.e2ee = o.e2ee;
  if (o.archiveName !== undefined) session.archiveName = o.archiveName;
  if (o.archiveResolution !== undefined) session.archiveResolution = o.archiveResolution;
  return session;
}
