// Turns the constructor options into one resolved configuration, parsing keys exactly once.
import { createPrivateKey, createSecretKey, KeyObject } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { VideoError } from './errors.js';
import type { RetryOptions } from './retry.js';

/** OpenTok project credentials (API key + secret, `X-OPENTOK-AUTH` HS256). */
export interface ProjectCredentials {
  apiKey: string | number;
  apiSecret: string;
}

/** Vonage application credentials (application ID + RSA private key, `Authorization: Bearer` RS256). */
export interface ApplicationCredentials {
  applicationId: string;
  /** PEM text (PKCS#8 or PKCS#1) or an already parsed KeyObject. */
  privateKey: string | Buffer | KeyObject;
}

/** Transport options shared by both credential kinds. */
export interface VideoClientCommonOptions {
  /** Base URL override; defaults to https://api.opentok.com or https://video.api.vonage.com. */
  baseUrl?: string;
  /** Per-attempt timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** An undici dispatcher (Agent, Pool, MockAgent) to send requests through instead of a private Pool. */
  dispatcher?: Dispatcher;
  /** An http(s) proxy URL; requests are tunnelled through it with CONNECT (ignored when `dispatcher` is set). */
  proxy?: string;
  /** User-Agent header value. */
  userAgent?: string;
  /** Retry policy, or false to never retry. */
  retry?: RetryOptions | false;
}

/** Constructor options of {@link VideoClient}. */
export type VideoClientOptions = (ProjectCredentials | ApplicationCredentials) & VideoClientCommonOptions;

/** Credentials after validation, with the signing key parsed. */
export type ResolvedCredentials =
  | { kind: 'project'; projectId: string; key: KeyObject }
  | { kind: 'application'; projectId: string; key: KeyObject };

const DEFAULT_BASE = {
  project: 'https://api.opentok.com',
  application: 'https://video.api.vonage.com',
} as const;

function invalid(message: string): VideoError {
  return new VideoError({ code: 'invalid', userMessage: message });
}

/** Validates credentials and parses the key; errors never echo the secret or key. */
export function resolveCredentials(opts: VideoClientOptions): ResolvedCredentials {
  if (opts && 'applicationId' in opts && opts.applicationId !== undefined) {
    if (typeof opts.applicationId !== 'string' || !opts.applicationId.trim()) {
      throw invalid('applicationId must be a non-empty string.');
    }
    let key: KeyObject;
    try {
      key = opts.privateKey instanceof KeyObject ? opts.privateKey : createPrivateKey(opts.privateKey);
    } catch {
      throw invalid('privateKey must be a PEM-encoded RSA private key (or a KeyObject).');
    }
    if (key.type !== 'private' || key.asymmetricKeyType !== 'rsa') {
      throw invalid('privateKey must be an RSA private key.');
    }
    return { kind: 'application', projectId: opts.applicationId, key };
  }
  const p = opts as Partial<ProjectCredentials> | undefined;
  if (
    !p ||
    (typeof p.apiKey !== 'string' && typeof p.apiKey !== 'number') ||
    String(p.apiKey).trim() === ''
  ) {
    throw invalid('apiKey must be a non-empty string or number (or pass applicationId and privateKey).');
  }
  if (typeof p.apiSecret !== 'string' || p.apiSecret.length === 0) {
    throw invalid('apiSecret must be a non-empty string.');
  }
  return {
    kind: 'project',
    projectId: String(p.apiKey),
    key: createSecretKey(Buffer.from(p.apiSecret, 'utf8')),
  };
}

/** Validates a proxy URL without echoing it (it may carry credentials). */
export function checkProxy(proxy: unknown): string | undefined {
  if (proxy === undefined) return undefined;
  try {
    const u = new URL(String(proxy));
    if (u.protocol === 'http:' || u.protocol === 'https:') return String(proxy);
  } catch {
    // Fall through to the sentence below.
  }
  throw invalid('proxy must be an absolute http(s) URL.');
}

/** Returns the base URL for the credentials without a trailing slash. */
export function resolveBaseUrl(kind: ResolvedCredentials['kind'], baseUrl: string | undefined): URL {
  const raw = baseUrl ?? DEFAULT_BASE[kind];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('baseUrl must be an absolute http(s) URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid('baseUrl must be an absolute http(s) URL.');
  return url;
}
