// Client tokens: HS256 JWT (default) or legacy T1 for OpenTok credentials, RS256 JWT for Vonage
// application credentials. Validated strictly and synchronously; keys were parsed at construction.
import { createHmac, randomUUID } from 'node:crypto';
import { stringify } from 'node:querystring';
import type { ResolvedCredentials } from './credentials.js';
import { signHs256, signRs256 } from './jwt.js';
import { sessionProjectId } from './session-id.js';
import type { Role, TokenOptions } from './types.js';
import { fail } from './validate.js';

const ROLES: readonly string[] = ['publisher', 'publisheronly', 'subscriber', 'moderator'];
const DAY = 86_400;
const MAX_LIFETIME = 30 * DAY;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Decoding a session ID per token is wasted work when one meeting mints many tokens.
const owners = new Map<string, string | undefined>();
function ownerOf(sessionId: string): string | undefined {
  if (owners.has(sessionId)) return owners.get(sessionId);
  if (owners.size >= 1024) owners.clear();
  const owner = sessionProjectId(sessionId);
  owners.set(sessionId, owner);
  return owner;
}

function layoutList(value: TokenOptions['initialLayoutClassList']): string {
  if (value === undefined) return '';
  let list: string;
  if (typeof value === 'string') list = value;
  else if (Array.isArray(value) && value.every((c) => typeof c === 'string' && c !== '' && !/\s/.test(c)))
    list = value.join(' ');
  else
    fail(
      'initialLayoutClassList must be an array of class names without spaces (or one space-separated string).',
    );
  if (list.length > 1024) fail('initialLayoutClassList must be at most 1024 characters when joined.');
  return list;
}

function expiry(value: unknown, now: number): number {
  if (value === undefined) return now + DAY;
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail('expireTime must be a number of seconds since the epoch.');
  const t = Math.floor(value);
  if (t <= now) fail('expireTime must be in the future.');
  if (t > now + MAX_LIFETIME) fail('expireTime must be at most 30 days from now.');
  return t;
}

/** Mints a client token for `sessionId`; throws VideoError('invalid') for bad input. */
export function generateToken(creds: ResolvedCredentials, sessionId: string, o: TokenOptions = {}): string {
  if (typeof sessionId !== 'string' || sessionId.length === 0) fail('sessionId must be a non-empty string.');
  if (sessionId.length > 255) fail('sessionId must be at most 255 characters.');
  if (!o || typeof o !== 'object') fail('token options must be an object.');
  const role: Role = o.role ?? 'publisher';
  if (!ROLES.includes(role)) fail('role must be one of publisher, publisheronly, subscriber, moderator.');
  const data = o.data;
  if (data !== undefined && typeof data !== 'string') fail('token data must be a string.');
  if (data !== undefined && data.length > 1000) fail('token data must be at most 1000 characters.');
  const format = o.tokenFormat ?? 'JWT';
  if (format !== 'JWT' && format !== 'T1') fail('tokenFormat must be JWT or T1.');
  const now = Math.floor(Date.now() / 1000);
  const exp = expiry(o.expireTime, now);
  const layout = layoutList(o.initialLayoutClassList);

  if (creds.kind === 'application') {
    if (format === 'T1') fail('tokenFormat T1 needs OpenTok API key credentials, not a Vonage application.');
    // Only a session that names another application is refused: sessions need not carry an application ID.
    const owner = ownerOf(sessionId);
    if (owner && UUID.test(owner) && owner.toLowerCase() !== creds.projectId.toLowerCase()) {
      fail('sessionId does not belong to this application.');
    }
    const claims: Record<string, unknown> = {
      scope: 'session.connect',
      session_id: sessionId,
      role,
      initial_layout_class_list: layout,
      exp,
      sub: 'video',
      acl: { paths: { '/session/**': {} } },
    };
    if (data) claims.connection_data = data;
    claims.jti = randomUUID();
    claims.iat = now;
    claims.application_id = creds.projectId;
    return signRs256(claims, creds.key);
  }

  if (ownerOf(sessionId) !== creds.projectId) fail('sessionId does not belong to this API key.');
  const tokenData: Record<string, string | number> = {
    session_id: sessionId,
    create_time: now,
    nonce: Math.random(),
    role,
    expire_time: exp,
  };
  if (data) tokenData.connection_data = data;
  tokenData.initial_layout_class_list = layout;
  tokenData.scope = 'session.connect';
  if (format === 'T1') {
    const dataString = stringify(tokenData);
    const sig = createHmac('sha1', creds.key).update(dataString).digest('hex');
    return 'T1==' + Buffer.from(`partner_id=${creds.projectId}&sig=${sig}:${dataString}`).toString('base64');
  }
  return signHs256({ iss: creds.projectId, ist: 'project', iat: now, exp, ...tokenData }, creds.key);
}
