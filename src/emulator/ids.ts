import { randomUUID } from 'node:crypto';

// The emulator's own session ID codec (deliberately not shared with src/video/, see DESIGN).
// Real IDs are "1_" + base64url("1~<apiKey>~<location>~<date>~<random>~"); we mint the same shape.

let counter = 0;

/** Returns a new random identifier in the service's UUID style. */
export function newId(): string {
  return randomUUID();
}

/** Mints a session ID that decodes to `projectId` (an API key or application ID). */
export function encodeSessionId(projectId: string, location = ''): string {
  counter = (counter + 1) % 1_000_000;
  const random = `${Math.random().toString().slice(0, 12)}${counter}`;
  const plain = `1~${projectId}~${location}~${new Date().toUTCString()}~${random}~`;
  return `1_${Buffer.from(plain, 'ascii').toString('base64url')}`;
}

/** Returns the project (API key or application ID) a session ID belongs to, or undefined if malformed. */
export function decodeSessionProject(sessionId: string): string | undefined {
  if (typeof sessionId !== 'string' || !/^[12]_[A-Za-z0-9_\-+/=]+$/.test(sessionId)) return undefined;
  const body = sessionId.slice(2).replace(/-/g, '+').replace(/_/g, '/');
  const plain = Buffer.from(body, 'base64').toString('latin1');
  const fields = plain.split('~');
  if (fields[0] !== '1' || !fields[1]) return undefined;
  return fields[1];
}
