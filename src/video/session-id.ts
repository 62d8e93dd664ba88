// Session IDs are "<version>_<base64url of '1~<projectId>~<location>~<date>~<random>~'>". Only field 1
// (the API key or application ID) matters to us; decoding is lenient like the official SDK's.

/** The fields packed into a Video session ID. */
export interface DecodedSessionId {
  /** The two-character prefix, e.g. `1_` or `2_`. */
  prefix: string;
  /** The API key (OpenTok) or application ID (Vonage) that created the session. */
  projectId: string;
  /** The location hint (an IP address) or an empty string. */
  location: string;
  /** The creation date as the service wrote it. */
  createdAt: string;
  /** The random part. */
  random: string;
}

/** Decodes a session ID, or returns undefined when it is not one (lenient base64url, padding optional). */
export function decodeSessionId(sessionId: string): DecodedSessionId | undefined {
  if (typeof sessionId !== 'string' || sessionId.length < 4 || sessionId.length > 1024) return undefined;
  // Node's base64 decoder accepts both alphabets, missing padding and ignores stray characters.
  const text = Buffer.from(sessionId.slice(2), 'base64').toString('latin1');
  const fields = text.split('~');
  if (fields.length < 2 || !fields[1]) return undefined;
  return {
    prefix: sessionId.slice(0, 2),
    projectId: fields[1],
    location: fields[2] ?? '',
    createdAt: fields[3] ?? '',
    random: fields[4] ?? '',
  };
}

/** Returns the API key or application ID a session ID belongs to, or undefined for garbage. */
export function sessionProjectId(sessionId: string): string | undefined {
  return decodeSessionId(sessionId)?.projectId;
}

/** Builds a session ID in the service's format for `projectId` (used by local servers and tests). */
export function encodeSessionId(
  projectId: string,
  opts: { location?: string; createdAt?: Date; random?: number; prefix?: '1_' | '2_' } = {},
): string {
  const date = (opts.createdAt ?? new Date()).toUTCString();
  const random = opts.random ?? Math.random();
  const raw = `1~${projectId}~${opts.location ?? ''}~${date}~${random}~`;
  return (opts.prefix ?? '1_') + Buffer.from(raw, 'latin1').toString('base64url');
}
