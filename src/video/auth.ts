// The REST auth header: a short-lived JWT signed once and reused until shortly before it expires,
// instead of the official SDK's fresh signature on every request.
import { randomUUID } from 'node:crypto';
import { signHs256, signRs256 } from './jwt.js';
import type { ResolvedCredentials } from './credentials.js';

/** Lifetime of the REST auth JWT (the service allows at most 5 minutes). */
const TTL_SECONDS = 300;
/** Re-sign this long before expiry so a token never expires in flight or on a skewed clock. */
const REFRESH_MARGIN_SECONDS = 60;

/** Produces the cached auth header for REST calls. */
export class AuthHeader {
  /** Lower-case header name: `x-opentok-auth` or `authorization`. */
  readonly name: string;
  private value = '';
  private refreshAt = 0;

  constructor(private readonly creds: ResolvedCredentials) {
    this.name = creds.kind === 'project' ? 'x-opentok-auth' : 'authorization';
  }

  /** The current header value, re-signed when the cached JWT is close to expiry. */
  get(now = Date.now()): string {
    if (now < this.refreshAt) return this.value;
    const token = signRestToken(this.creds, now);
    this.value = this.creds.kind === 'project' ? token : 'Bearer ' + token;
    this.refreshAt = (Math.floor(now / 1000) + TTL_SECONDS - REFRESH_MARGIN_SECONDS) * 1000;
    return this.value;
  }
}

/** Signs a REST auth JWT: HS256 {iss, ist, iat, exp} for projects; RS256 plus application_id and jti for applications. */
export function signRestToken(creds: ResolvedCredentials, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const exp = iat + TTL_SECONDS;
  return creds.kind === 'project'
    ? signHs256({ iss: creds.projectId, ist: 'project', iat, exp }, creds.key)
    : signRs256(
        {
          iss: creds.projectId,
          ist: 'project',
          iat,
          exp,
          application_id: creds.projectId,
          jti: randomUUID(),
        },
        creds.key,
      );
}
