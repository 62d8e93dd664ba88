import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import type { IncomingMessage } from 'node:http';
import type { Credentials } from './credentials.js';
import { HttpError } from './http.js';

// REST authentication, verified with jose (never with the client's code, see DESIGN):
// - OpenTok: X-OPENTOK-AUTH, HS256 with the project secret, iss = API key, ist = "project",
//   exp at most 5 minutes away. Refused with 401 when absent, 403 when forged/expired/foreign.
// - Vonage: Authorization: Bearer, RS256 with the application's public key, application_id claim.
//   Refused with 401 when absent/invalid/expired, 403 when valid for another application.

const MAX_WINDOW_S = 300;
const SKEW_S = 60;
const CACHE_LIMIT = 10_000;

/** Which project a request authenticated as, and with which scheme. */
export interface AuthResult {
  projectId: string;
  scheme: 'opentok' | 'vonage';
}

/** Verifies REST credentials; caches verified tokens until they expire (clients often reuse one per second). */
export class RestAuth {
  private readonly cache = new Map<string, { result: AuthResult; exp: number }>();

  constructor(private readonly creds: Credentials) {}

  /** Authenticates a request; when `pathProject` is given the token must belong to it. */
  async check(headers: IncomingMessage['headers'], pathProject?: string): Promise<AuthResult> {
    const opentok = headers['x-opentok-auth'];
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
    const token = typeof opentok === 'string' && opentok ? opentok : bearer;
    if (!token)
      throw new HttpError(401, 'Authentication required: send X-OPENTOK-AUTH or Authorization: Bearer.');
    const result = await this.verifyCached(
      token,
      typeof opentok === 'string' && opentok !== '' ? 'opentok' : 'vonage',
    );
    if (pathProject !== undefined && result.projectId !== pathProject) {
      throw new HttpError(403, 'The credentials do not belong to the project in the URL.');
    }
    return result;
  }

  private async verifyCached(token: string, scheme: AuthResult['scheme']): Promise<AuthResult> {
    const now = Date.now() / 1000;
    const hit = this.cache.get(token);
    if (hit && hit.exp > now && hit.result.scheme === scheme) return hit.result;
    const { result, exp } =
      scheme === 'opentok' ? await this.verifyOpenTok(token) : await this.verifyVonage(token);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(token, { result, exp });
    return result;
  }

  private async verifyOpenTok(token: string): Promise<{ result: AuthResult; exp: number }> {
    const fail = (why: string): never => {
      throw new HttpError(403, `Invalid X-OPENTOK-AUTH token: ${why}.`);
    };
    const iss = claimsOrFail(token, fail).iss;
    const key = typeof iss === 'string' ? this.creds.projectKey(iss) : undefined;
    if (!key) fail('unknown API key');
    try {
      const { payload } = await jwtVerify(token, await key!, {
        algorithms: ['HS256'],
        clockTolerance: SKEW_S,
        requiredClaims: ['exp', 'iat'],
      });
      if (payload.ist !== 'project') fail('the ist claim must be "project"');
      if (payload.exp! > Date.now() / 1000 + MAX_WINDOW_S + SKEW_S)
        fail('exp may be at most 5 minutes in the future');
      return { result: { projectId: iss as string, scheme: 'opentok' }, exp: payload.exp! };
    } catch (err) {
      if (err instanceof HttpError) throw err;
      return fail(joseReason(err));
    }
  }

  private async verifyVonage(token: string): Promise<{ result: AuthResult; exp: number }> {
    const fail = (why: string): never => {
      throw new HttpError(401, `Invalid bearer token: ${why}.`);
    };
    const appId = claimsOrFail(token, fail).application_id;
    const key = typeof appId === 'string' ? this.creds.applicationKey(appId) : undefined;
    if (!key) fail('unknown application_id');
    try {
      const { payload } = await jwtVerify(token, await key!, {
        algorithms: ['RS256'],
        clockTolerance: SKEW_S,
        requiredClaims: ['exp'],
      });
      return { result: { projectId: appId as string, scheme: 'vonage' }, exp: payload.exp! };
    } catch (err) {
      return fail(joseReason(err));
    }
  }
}

function claimsOrFail(token: string, fail: (why: string) => never): Record<string, unknown> {
  try {
    return decodeJwt(token);
  } catch {
    return fail('not a JWT');
  }
}

/** Turns a jose error into a short reason without echoing the token. */
export function joseReason(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'the signing algorithm is not accepted';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `claim ${err.claim} is invalid`;
  return 'the token is malformed';
}
