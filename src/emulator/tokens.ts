import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { joseReason } from './auth.js';
import type { Credentials } from './credentials.js';
import { decodeSessionProject } from './ids.js';

// Client token verification with the emulator's own code (DESIGN: no code shared with src/video/).
// JWT: HS256 signed with the project secret (opentok-node) or RS256 with the application key
// (Vonage). T1: "T1==" + base64("partner_id=K&sig=HEX:data"), sig = HMAC-SHA1(secret, data).

const ROLES = new Set(['publisher', 'publisheronly', 'subscriber', 'moderator']);

/** What a verified client token grants. */
export interface TokenGrant {
  projectId: string;
  sessionId: string;
  role: string;
  data: string;
  layoutClassList: string[];
  expireTime: number;
  format: 'JWT' | 'T1';
}

/** A token that does not grant access; the message never contains the token. */
export class TokenError extends Error {}

/** Verifies a client token for `sessionId`: signature, session, expiry, role and scope. */
export async function verifyClientToken(
  creds: Credentials,
  token: unknown,
  sessionId: string,
): Promise<TokenGrant> {
  if (typeof token !== 'string' || token === '') throw new TokenError('A token is required.');
  const grant = token.startsWith('T1==') ? verifyT1(creds, token) : await verifyJwt(creds, token);
  if (grant.sessionId !== sessionId) throw new TokenError('The token was issued for another session.');
  if (decodeSessionProject(sessionId) !== grant.projectId)
    throw new TokenError('The session does not belong to the token issuer.');
  if (!(grant.expireTime > Date.now() / 1000)) throw new TokenError('The token has expired.');
  if (!ROLES.has(grant.role)) throw new TokenError(`The token role "${grant.role}" is not valid.`);
  return grant;
}

function verifyT1(creds: Credentials, token: string): TokenGrant {
  const decoded = Buffer.from(token.slice(4), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new TokenError('The T1 token is malformed.');
  const head = new URLSearchParams(decoded.slice(0, colon));
  const dataString = decoded.slice(colon + 1);
  const apiKey = head.get('partner_id') ?? '';
  const secret = creds.projectSecret(apiKey);
  if (secret === undefined) throw new TokenError('The T1 token names an unknown API key.');
  const expected = createHmac('sha1', secret).update(dataString).digest();
  const given = Buffer.from(head.get('sig') ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new TokenError('The T1 token signature does not verify.');
  const data = new URLSearchParams(dataString);
  if (data.get('scope') !== 'session.connect')
    throw new TokenError('The token scope must be session.connect.');
  return {
    projectId: apiKey,
    sessionId: data.get('session_id') ?? '',
    role: data.get('role') ?? 'publisher',
    data: data.get('connection_data') ?? '',
    layoutClassList: splitClasses(data.get('initial_layout_class_list')),
    expireTime: Number(data.get('expire_time') ?? NaN),
    format: 'T1',
  };
}

async function verifyJwt(creds: Credentials, token: string): Promise<TokenGrant> {
  let alg: string | undefined;
  let claims: Record<string, unknown>;
  try {
    alg = decodeProtectedHeader(token).alg;
    claims = decodeJwt(token);
  } catch {
    throw new TokenError('The token is neither a JWT nor a T1 token.');
  }
  const rsa = alg === 'RS256';
  const projectId = String((rsa ? claims.application_id : claims.iss) ?? '');
  const key = rsa ? creds.applicationKey(projectId) : creds.projectKey(projectId);
  if (!key) throw new TokenError(`The token names an unknown ${rsa ? 'application' : 'API key'}.`);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, await key, { algorithms: [rsa ? 'RS256' : 'HS256'] }));
  } catch (err) {
    throw new TokenError(`The token is not valid: ${joseReason(err)}.`);
  }
  if (payload.scope !== 'session.connect') throw new TokenError('The token scope must be session.connect.');
  const expire = typeof payload.expire_time === 'number' ? payload.expire_time : payload.exp;
  return {
    projectId,
    sessionId: String(payload.session_id ?? ''),
    role: String(payload.role ?? 'publisher'),
    data: typeof payload.connection_data === 'string' ? payload.connection_data : '',
    layoutClassList: splitClasses(payload.initial_layout_class_list),
    expireTime: typeof expire === 'number' ? expire : NaN,
    format: 'JWT',
  };
}

function splitClasses(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}
