// Schedule IDs and the signed address of a schedule's `.ics` file. The ID is short because people
// type it (`/video schedule cancel k7q2m9xd`); the calendar file is served only with an HMAC of the
// ID, so knowing an ID from a channel does not let anyone outside read the schedules of others.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A new schedule ID: 8 characters without look-alikes (l, o, 0, 1), about 40 bits. */
export function newScheduleId(): string {
  return [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Whether `id` can be a schedule ID (anything else is never looked up). */
export function validScheduleId(id: string): boolean {
  return /^[a-z0-9]{4,32}$/.test(id);
}

function signature(id: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`schedule-ics:${id}`).digest().subarray(0, 16);
}

/** The path of a schedule's `.ics` file: `/schedule/<id>.<signature>.ics`. */
export function icsPath(id: string, secret: string): string {
  return `/schedule/${id}.${signature(id, secret).toString('base64url')}.ics`;
}

/** The schedule ID of a signed `.ics` file name, or null when the name or its signature is wrong. */
export function readIcsName(name: string, secret: string): string | null {
  const m = /^([a-z0-9]{4,32})\.([A-Za-z0-9_-]{22})\.ics$/.exec(name);
  if (!m) return null;
  const given = Buffer.from(m[2]!, 'base64url');
  const want = signature(m[1]!, secret);
  return given.length === want.length && timingSafeEqual(given, want) ? m[1]! : null;
}
