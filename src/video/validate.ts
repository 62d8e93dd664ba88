// Primitive argument checks. Each failure throws a VideoError('invalid') whose message is one
// sentence naming the field and the rule, before any request is built.
import { isIPv4 } from 'node:net';
import { VideoError } from './errors.js';
import type { ListOptions } from './types.js';

/** Throws the invalid-argument error with `message`. */
export function fail(message: string): never {
  throw new VideoError({ code: 'invalid', userMessage: message });
}

/** Checks a resource ID (archive, stream, connection…) and returns it URL-encoded for a path. */
export function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(`${field} must be a non-empty string.`);
  if (value.length > 255) fail(`${field} must be at most 255 characters.`);
  return encodeURIComponent(value);
}

/** Checks a session ID (a non-empty string of at most 255 characters) and returns it for a path. */
export function sessionId(value: unknown, field = 'sessionId'): string {
  return id(value, field);
}

/** Checks that `value` is undefined or one of `allowed`. */
export function oneOf<T extends string | number>(value: unknown, field: string, allowed: readonly T[]): void {
  if (value !== undefined && !allowed.includes(value as T))
    fail(`${field} must be one of ${allowed.join(', ')}.`);
}

/** Checks that `value` is undefined or a string of at most `max` characters. */
export function maxChars(value: unknown, field: string, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string') fail(`${field} must be a string.`);
  if (value.length > max) fail(`${field} must be at most ${max} characters.`);
}

/** Checks that `value` is undefined or a non-empty string. */
export function optString(value: unknown, field: string): void {
  if (value !== undefined && (typeof value !== 'string' || value.length === 0))
    fail(`${field} must be a non-empty string.`);
}

/** Checks that `value` is undefined or an integer in [min, max]. */
export function intRange(value: unknown, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${field} must be a whole number from ${min} to ${max}.`);
  }
}

/** Checks that `value` is undefined or a boolean. */
export function optBool(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== 'boolean') fail(`${field} must be true or false.`);
}

/** Checks that `value` is undefined or an array of non-empty strings. */
export function stringArray(value: unknown, field: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    fail(`${field} must be an array of non-empty strings.`);
  }
}

/** Checks that `value` is undefined or a plain object whose values are all strings. */
export function stringRecord(value: unknown, field: string): void {
  if (value === undefined) return;
  if (
    !value ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    fail(`${field} must be an object whose values are strings.`);
  }
}

/** Checks that `value` is a URL with one of `schemes` (e.g. ['https:', 'http:']). */
export function url(value: unknown, field: string, schemes: readonly string[]): void {
  let ok = false;
  if (typeof value === 'string' && value.length <= 2048) {
    try {
      ok = schemes.includes(new URL(value).protocol);
    } catch {
      ok = false;
    }
  }
  if (!ok)
    fail(
      `${field} must be a ${schemes.map((s) => s.replace(':', '')).join(' or ')} URL of at most 2048 characters.`,
    );
}

/** Checks that `value` is undefined or an IPv4 address. */
export function ipv4(value: unknown, field: string): void {
  if (value !== undefined && (typeof value !== 'string' || !isIPv4(value)))
    fail(`${field} must be an IPv4 address.`);
}

/** Checks list options: offset >= 0, count 1..1000, sessionId. */
export function listOptions(opts: ListOptions | undefined): void {
  if (opts === undefined) return;
  if (!opts || typeof opts !== 'object') fail('list options must be an object.');
  intRange(opts.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
  intRange(opts.count, 'count', 1, 1000);
  if (opts.sessionId !== undefined) sessionId(opts.sessionId);
}

/** Builds the list query like the official SDK: offset, count, sessionId, each only when truthy. */
export function listQuery(opts: ListOptions | undefined, withSession = true): string {
  if (!opts) return '';
  const q = new URLSearchParams();
  if (opts.offset) q.append('offset', String(opts.offset));
  if (opts.count) q.append('count', String(opts.count));
  if (withSession && opts.sessionId) q.append('sessionId', opts.sessionId);
  const s = q.toString();
  return s ? '?' + s : '';
}
