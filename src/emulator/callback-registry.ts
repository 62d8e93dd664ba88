import { HttpError } from './http.js';
import { newId } from './ids.js';
import { objectBody, reqString } from './validate.js';

// The project callback registry (`/v2/project/{id}/callback`): a project may name the URL that
// receives one group's event (connection created, archive status, ...). A registered URL takes over
// that event from the emulator-wide callbackUrl; a resource's own statusCallbackUrl (renders,
// captions) still wins. The emulator keeps its own table of groups (no code shared with src/video/).

/** One registered callback. */
export interface ProjectCallbackRecord {
  id: string;
  projectId: string;
  group: string;
  event: string;
  url: string;
  createdAt: number;
}

/** The groups Vonage sends callbacks for, and their events. */
const GROUPS: Record<string, readonly string[]> = {
  session: ['created', 'destroyed', 'notification'],
  connection: ['created', 'destroyed'],
  stream: ['created', 'destroyed'],
  archive: ['status'],
  broadcast: ['status'],
  render: ['status'],
  captions: ['status'],
  sip: ['callCreated', 'callUpdated', 'callDestroyed', 'muteForced'],
};

const MONITORING = /^(session|connection|stream)(Created|Destroyed|Notification)$/;

/** The (group, event) a callback payload belongs to, or undefined for unknown payloads. */
export function groupOf(payload: Record<string, unknown>): [string, string] | undefined {
  const ev = typeof payload.event === 'string' ? payload.event : '';
  const m = MONITORING.exec(ev);
  if (m) return [m[1]!, m[2]!.toLowerCase()];
  if (ev === 'archive' || ev === 'broadcast' || ev === 'render') return [ev, 'status'];
  if (ev === 'experienceComposer') return ['render', 'status'];
  if (GROUPS.sip!.includes(ev)) return ['sip', ev];
  if (payload.captionId !== undefined) return ['captions', 'status'];
  return undefined;
}

/** The registered URL for a payload of `projectId`, if any. */
export function registeredUrl(
  registry: Map<string, ProjectCallbackRecord>,
  projectId: string,
  payload: Record<string, unknown>,
): string | undefined {
  if (registry.size === 0) return undefined;
  const ge = groupOf(payload);
  if (!ge) return undefined;
  for (const r of registry.values())
    if (r.projectId === projectId && r.group === ge[0] && r.event === ge[1]) return r.url;
  return undefined;
}

/** Registers (or replaces) the URL of one group's event; 400 on an unknown group, event or URL. */
export function registerCallback(
  registry: Map<string, ProjectCallbackRecord>,
  projectId: string,
  raw: unknown,
): ProjectCallbackRecord {
  const body = objectBody(raw);
  const group = reqString(body, 'group', 100);
  const events = GROUPS[group];
  if (!events) throw new HttpError(400, `group must be one of ${Object.keys(GROUPS).join(', ')}.`);
  const event = reqString(body, 'event', 100);
  if (!events.includes(event))
    throw new HttpError(400, `event must be one of ${events.join(', ')} for the ${group} group.`);
  const url = reqString(body, 'url', 2048);
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new HttpError(400, 'url must be an http or https URL.');
  for (const [id, r] of registry)
    if (r.projectId === projectId && r.group === group && r.event === event) registry.delete(id);
  const rec: ProjectCallbackRecord = { id: newId(), projectId, group, event, url, createdAt: Date.now() };
  registry.set(rec.id, rec);
  return rec;
}

/** A registered callback as the REST API reports it. */
export function callbackJson(r: ProjectCallbackRecord): Record<string, unknown> {
  return { id: r.id, group: r.group, event: r.event, url: r.url, createdAt: r.createdAt };
}
