// generateToken of the OpenTok compatibility layer: the official checks and messages (expireTime
// rounded with Math.round, data and class list up to 1024 characters), then our documented limits
// (data up to 1000 characters, at most 30 days ahead), whose errors come as plain Errors too.
import { VideoError } from './errors.js';
import { plainError } from './opentok-errors.js';
import type { Core } from './opentok-support.js';
import { sessionProjectId } from './session-id.js';
import type { Role, TokenOptions } from './types.js';

const ROLES: readonly unknown[] = ['publisher', 'publisheronly', 'subscriber', 'moderator'];

type CompatTokenOptions = Omit<TokenOptions, 'expireTime'> & {
  expireTime?: number | string;
  /** What the official Vonage-mode shim reads instead of expireTime. */
  expire_time?: number;
};

function mint(c: Core, sessionId: string, o: TokenOptions): string {
  try {
    return c.client.generateToken(sessionId, o);
  } catch (e) {
    throw e instanceof VideoError ? plainError(e.userMessage) : e;
  }
}

/** Mints a client token the way the official package validates it; `t1` asks for the legacy format. */
export function compatToken(c: Core, sessionId: unknown, opts: unknown, t1: boolean): string {
  const o: CompatTokenOptions = opts && typeof opts === 'object' ? (opts as CompatTokenOptions) : {};
  const classes = Array.isArray(o.initialLayoutClassList)
    ? o.initialLayoutClassList.join(' ')
    : typeof o.initialLayoutClassList === 'string'
      ? o.initialLayoutClassList
      : undefined;
  if (c.client.credentialKind === 'application') {
    // The official shim reads expire_time; expireTime (the documented option) is honoured first.
    const exp = o.expireTime ?? o.expire_time;
    return mint(c, sessionId as string, {
      role: o.role,
      data: o.data || undefined,
      expireTime: exp === undefined ? undefined : Math.round(Number(exp)),
      initialLayoutClassList: classes || undefined,
    });
  }
  if (typeof sessionId !== 'string')
    throw plainError('Token cannot be generated without a sessionId parameter');
  if (sessionProjectId(sessionId) !== c.client.projectId)
    throw plainError('Token cannot be generated unless the session belongs to the API Key');
  const now = Math.round(Date.now() / 1000);
  const expireTime =
    typeof o.expireTime === 'number' || typeof o.expireTime === 'string'
      ? Math.round(Number(o.expireTime))
      : undefined;
  const role = o.role === undefined ? 'publisher' : o.role;
  if (!ROLES.includes(role)) throw plainError('Invalid role for token generation: ' + String(role));
  // The SDK lets NaN through (a 5-minute token without expire_time); we refuse it.
  if (expireTime !== undefined && !Number.isFinite(expireTime))
    throw plainError('Invalid expireTime for token generation: ' + String(expireTime));
  if (expireTime !== undefined && expireTime < now)
    throw plainError(
      `Invalid expireTime for token generation, time cannot be in the past: ${expireTime} < ${now}`,
    );
  if (o.data && (typeof o.data !== 'string' || o.data.length > 1024))
    throw plainError('Invalid data for token generation, must be a string with maximum length 1024');
  if (classes && classes.length > 1024)
    throw plainError(
      'Invalid initial layout class list for token generation, must have concatenated length of less than 1024',
    );
  return mint(c, sessionId, {
    role: role as Role,
    expireTime,
    data: o.data || undefined,
    initialLayoutClassList: classes || undefined,
    tokenFormat: t1 ? 'T1' : 'JWT',
  });
}
