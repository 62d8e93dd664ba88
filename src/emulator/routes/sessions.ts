import { isIPv4 } from 'node:net';
import { HttpError, type Router } from '../http.js';
import { encodeSessionId } from '../ids.js';
import type { SessionRecord } from '../types.js';
import { RESOLUTIONS } from '../validate.js';
import type { Api } from './context.js';

// POST /session/create: form body (archiveMode, p2p.preference, location, e2ee, archiveName,
// archiveResolution); answers the service's array shape with a decodable "1_MX4..." session ID.

/** Registers the session-creation route. */
export function sessionRoutes(router: Router, api: Api): void {
  router.add('POST', '/session/create', async (ctx) => {
    const { projectId } = await api.auth.check(ctx.headers);
    const form = toStrings(ctx.body);
    const session = parseSession(projectId, form);
    api.world.sessions.set(session.id, session);
    const body = [
      {
        session_id: session.id,
        project_id: projectId,
        partner_id: projectId,
        create_dt: new Date(session.createdAt).toUTCString(),
        media_server_url: '',
        ...(api.world.creds.isApplication(projectId) ? { application_id: projectId } : {}),
      },
    ];
    return { status: 200, body };
  });
}

function toStrings(body: unknown): Record<string, string> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'The body must be form fields.');
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
}

function parseSession(projectId: string, form: Record<string, string>): SessionRecord {
  const p2p = form['p2p.preference'] ?? 'enabled';
  if (p2p !== 'enabled' && p2p !== 'disabled')
    throw new HttpError(400, 'p2p.preference must be enabled or disabled.');
  const archiveMode = form.archiveMode ?? 'manual';
  if (archiveMode !== 'manual' && archiveMode !== 'always')
    throw new HttpError(400, 'archiveMode must be manual or always.');
  const mediaMode = p2p === 'enabled' ? 'relayed' : 'routed';
  if (archiveMode === 'always' && mediaMode === 'relayed')
    throw new HttpError(
      400,
      'A session with archiveMode always must use the routed media mode (p2p.preference=disabled).',
    );
  const location = form.location && form.location !== 'null' ? form.location : '';
  if (location && !isIPv4(location)) throw new HttpError(400, 'location must be an IPv4 address.');
  const e2ee = form.e2ee === 'true';
  if (form.e2ee !== undefined && form.e2ee !== 'true' && form.e2ee !== 'false')
    throw new HttpError(400, 'e2ee must be true or false.');
  if (e2ee && archiveMode === 'always')
    throw new HttpError(400, 'End-to-end encrypted sessions cannot be archived: use archiveMode manual.');
  if (e2ee && mediaMode === 'relayed')
    throw new HttpError(400, 'End-to-end encryption needs a routed session.');
  const resolution = form.archiveResolution;
  if (resolution !== undefined && !(RESOLUTIONS as readonly string[]).includes(resolution))
    throw new HttpError(400, `archiveResolution must be one of ${RESOLUTIONS.join(', ')}.`);
  return {
    id: encodeSessionId(projectId, location),
    projectId,
    mediaMode,
    archiveMode,
    archiveName: form.archiveName,
    archiveResolution: resolution,
    location,
    e2ee,
    createdAt: Date.now(),
    connections: new Map(),
    streams: new Map(),
    muteAll: { active: false, excludedStreamIds: [] },
    liveArchives: new Set(),
    liveBroadcasts: new Set(),
  };
}
