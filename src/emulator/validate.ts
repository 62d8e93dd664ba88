import { HttpError } from './http.js';

// Body validation as the service does it: the first problem becomes a 400 with one sentence.

/** A JSON object body, or 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** A required non-empty string field. */
export function reqString(obj: Record<string, unknown>, key: string, max = 10_000): string {
  const v = obj[key];
  if (typeof v !== 'string' || v === '')
    throw new HttpError(400, `${key} is required and must be a non-empty string.`);
  if (v.length > max) throw new HttpError(400, `${key} must be at most ${max} characters.`);
  return v;
}

/** An optional string field. */
export function optString(obj: Record<string, unknown>, key: string, max = 10_000): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new HttpError(400, `${key} must be a string.`);
  if (v.length > max) throw new HttpError(400, `${key} must be at most ${max} characters.`);
  return v;
}

/** An optional boolean field. */
export function optBool(obj: Record<string, unknown>, key: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new HttpError(400, `${key} must be true or false.`);
  return v;
}

/** An optional field restricted to a set of values. */
export function optEnum<T extends string>(
  obj: Record<string, unknown>,
  key: string,
  values: readonly T[],
): T | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    throw new HttpError(400, `${key} must be one of ${values.join(', ')}.`);
  return v as T;
}

/** An optional integer field within a range. */
export function optInt(
  obj: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new HttpError(400, `${key} must be an integer from ${min} to ${max}.`);
  return v;
}

/** An optional array of strings. */
export function optStringArray(obj: Record<string, unknown>, key: string): string[] | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw new HttpError(400, `${key} must be an array of strings.`);
  return v as string[];
}

/** An optional nested object. */
export function optObject(obj: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, `${key} must be an object.`);
  return v as Record<string, unknown>;
}

/** Resolutions the service accepts for archives and broadcasts. */
export const RESOLUTIONS = ['640x480', '480x640', '1280x720', '720x1280', '1920x1080', '1080x1920'] as const;
/** Layout types of archives and broadcasts. */
export const LAYOUT_TYPES = [
  'bestFit',
  'pip',
  'verticalPresentation',
  'horizontalPresentation',
  'focus',
  'custom',
] as const;
const SCREENSHARE_TYPES = ['bestFit', 'pip', 'verticalPresentation', 'horizontalPresentation'] as const;

/** A layout object {type, stylesheet?, screenshareType?} with the service's rules. */
export function layout(obj: Record<string, unknown>): Record<string, unknown> {
  const type = optEnum(obj, 'type', LAYOUT_TYPES);
  if (!type) throw new HttpError(400, `type is required and must be one of ${LAYOUT_TYPES.join(', ')}.`);
  const stylesheet = optString(obj, 'stylesheet', 10_000);
  const screenshareType = optEnum(obj, 'screenshareType', SCREENSHARE_TYPES);
  if (type === 'custom' && !stylesheet) throw new HttpError(400, 'A custom layout needs a stylesheet.');
  if (type !== 'custom' && stylesheet)
    throw new HttpError(400, 'stylesheet is only allowed with the custom layout type.');
  if (screenshareType && type !== 'bestFit')
    throw new HttpError(400, 'screenshareType requires the layout type bestFit.');
  return { type, ...(stylesheet ? { stylesheet } : {}), ...(screenshareType ? { screenshareType } : {}) };
}

/** Parses ?offset=&count= of a list call (count 1..1000, default 50). */
export function paging(query: URLSearchParams): { offset: number; count: number } {
  const offset = query.has('offset') ? Number(query.get('offset')) : 0;
  const count = query.has('count') ? Number(query.get('count')) : 50;
  if (!Number.isInteger(offset) || offset < 0)
    throw new HttpError(400, 'offset must be a non-negative integer.');
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new HttpError(400, 'count must be an integer from 1 to 1000.');
  return { offset, count };
}
