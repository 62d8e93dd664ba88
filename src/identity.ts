import type { Platform } from './chat.js';
import { cleanText } from './text/clean.js';

// A Video token's `data` is the only thing a connection callback carries about who connected, so
// every token the bot mints names the chat user (or the kind of machine leg) in a small JSON string.
// Token data minted by other apps is not an identity, but it often carries a display name
// (nameFromData reads the usual shapes), which beats showing everyone as "Guest".

/** What a connection is, as recorded in its token data. */
export type ConnectionKind = 'user' | 'sip' | 'audio' | 'render';

/** The identity carried by a token minted by this bot. */
export interface ConnectionIdentity {
  kind: ConnectionKind;
  platform: Platform;
  /** Chat user ID (for machine legs: the ID of who started them). */
  userId: string;
  /** Display name (for machine legs: a label such as the dialled number). */
  name: string;
}

/** The Video API's limit on token data. */
export const MAX_CONNECTION_DATA = 1000;
const PLATFORMS: readonly Platform[] = ['slack', 'discord', 'shell'];
const KINDS: readonly ConnectionKind[] = ['user', 'sip', 'audio', 'render'];

/** Encodes an identity as token data of at most 1000 characters (long names are shortened). */
export function connectionData(id: {
  platform: Platform;
  userId: string;
  name: string;
  kind?: ConnectionKind;
}): string {
  const base = { v: 1, k: id.kind ?? 'user', p: id.platform, u: id.userId.slice(0, 200) };
  const room = MAX_CONNECTION_DATA - JSON.stringify({ ...base, n: '' }).length;
  let name = id.name;
  // JSON escaping can grow a name, so shorten until the encoded form fits.
  while (JSON.stringify(name).length - 2 > room)
    name = name.slice(0, Math.max(0, Math.min(name.length - 1, room)));
  return JSON.stringify({ ...base, n: name });
}

/** Decodes token data written by {@link connectionData}; null for anything else. */
export function parseConnectionData(data: string | null | undefined): ConnectionIdentity | null {
  if (
    typeof data !== 'string' ||
    data.length === 0 ||
    data.length > 4 * MAX_CONNECTION_DATA ||
    data[0] !== '{'
  )
    return null;
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (r.v !== 1 || typeof r.u !== 'string' || typeof r.n !== 'string') return null;
  if (!KINDS.includes(r.k as ConnectionKind) || !PLATFORMS.includes(r.p as Platform)) return null;
  return { kind: r.k as ConnectionKind, platform: r.p as Platform, userId: r.u, name: cleanName(r.n) ?? '' };
}

const NAME_KEYS = ['name', 'displayName', 'display_name', 'userName', 'username', 'user_name', 'nickname'];
const MAX_NAME = 100;

function cleanName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // Control characters, bidi overrides and runs of white space never belong in a name shown in a channel.
  const name = cleanText(raw.replace(/\p{Cc}+/gu, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return name ? name.slice(0, MAX_NAME) : null;
}

/**
 * The display name in token data written by another app: JSON (`{"name": "Alice"}`, also
 * displayName/username), a query string (`name=Alice&role=host`) or plain text (`Alice`). Null
 * when the data carries no name (an object without one, a query string without one, nothing).
 */
export function nameFromData(data: string | null | undefined): string | null {
  if (typeof data !== 'string') return null;
  const text = data.trim();
  if (!text || text.length > 4 * MAX_CONNECTION_DATA) return null;
  if (text.startsWith('{') || text.startsWith('[') || text.startsWith('"')) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return null;
    }
    if (typeof raw === 'string') return cleanName(raw);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
    const r = raw as Record<string, unknown>;
    for (const k of NAME_KEYS) {
      const name = cleanName(r[k]);
      if (name) return name;
    }
    return null;
  }
  if (/^[\w.-]+=/.test(text)) {
    const params = new URLSearchParams(text);
    for (const k of NAME_KEYS) {
      const name = cleanName(params.get(k));
      if (name) return name;
    }
    return null;
  }
  return cleanName(text);
}
