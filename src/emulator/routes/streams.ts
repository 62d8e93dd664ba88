import { HttpError, type Router } from '../http.js';
import { streamJson } from '../serialize.js';
import type { SessionRecord, StreamRecord } from '../types.js';
import { objectBody, optStringArray } from '../validate.js';
import type { World } from '../world.js';
import { authed, P, projectDetails, type Api } from './context.js';

// Stream routes: list, get, layout class lists, force mute (one stream, or all with a state that
// also mutes streams published later until disabled).

/** Registers the stream routes. */
export function streamRoutes(router: Router, api: Api): void {
  const { world } = api;

  router.add(
    'GET',
    `${P}/session/:sid/stream`,
    authed(api, (_ctx, projectId, [sid]) => {
      const items = [...world.session(projectId, sid!).streams.values()].map(streamJson);
      return { status: 200, body: { count: items.length, items } };
    }),
  );

  router.add(
    'GET',
    `${P}/session/:sid/connection`,
    authed(api, (_ctx, projectId, [sid]) => {
      const session = world.session(projectId, sid!);
      const items = [...session.connections.values()].map((c) => ({
        connectionId: c.id,
        connectionState: 'Connected',
        createdAt: c.createdAt,
      }));
      return { status: 200, body: { count: items.length, projectId, sessionId: sid, items } };
    }),
  );

  router.add(
    'GET',
    `${P}/session/:sid/stream/:streamId`,
    authed(api, (_ctx, projectId, [sid, streamId]) => ({
      status: 200,
      body: streamJson(findStream(world.session(projectId, sid!), streamId)),
    })),
  );

  router.add(
    'PUT',
    `${P}/session/:sid/stream`,
    authed(api, (ctx, projectId, [sid]) => {
      const session = world.session(projectId, sid!);
      const items = objectBody(ctx.body).items;
      if (!Array.isArray(items) || items.length === 0)
        throw new HttpError(400, 'items must be a non-empty array of {id, layoutClassList}.');
      const updates = items.map((raw: unknown) => {
        const item = objectBody(raw);
        if (typeof item.id !== 'string' || item.id === '')
          throw new HttpError(400, 'Each item needs a stream id.');
        const classes = optStringArray(item, 'layoutClassList');
        if (!classes) throw new HttpError(400, 'Each item needs a layoutClassList array of strings.');
        return { stream: findStream(session, item.id), classes };
      });
      for (const { stream, classes } of updates) stream.layoutClassList = [...classes];
      return { status: 200 };
    }),
  );

  router.add(
    'POST',
    `${P}/session/:sid/stream/:streamId/mute`,
    authed(api, (_ctx, projectId, [sid, streamId]) => {
      muteStream(world, findStream(world.session(projectId, sid!), streamId));
      return { status: 200, body: projectDetails(projectId) };
    }),
  );

  router.add(
    'POST',
    `${P}/session/:sid/mute`,
    authed(api, (ctx, projectId, [sid]) => {
      const session = world.session(projectId, sid!);
      const body = objectBody(ctx.body);
      if (typeof body.active !== 'boolean')
        throw new HttpError(400, 'active is required and must be true or false.');
      const excluded = optStringArray(body, 'excludedStreamIds') ?? [];
      session.muteAll = { active: body.active, excludedStreamIds: body.active ? [...excluded] : [] };
      if (body.active)
        for (const s of session.streams.values()) if (!excluded.includes(s.id)) muteStream(world, s, true);
      return { status: 200, body: projectDetails(projectId) };
    }),
  );
}

function findStream(session: SessionRecord, streamId: string | undefined): StreamRecord {
  const stream = session.streams.get(streamId ?? '');
  if (!stream) throw new HttpError(404, 'Stream not found.');
  return stream;
}

/**
 * Mutes a stream's audio; its client hears muteForced (`all` for mute-all), and a SIP leg dialled
 * with observeForceMute is told with the muteForced callback.
 */
export function muteStream(world: World, stream: StreamRecord, all = false): void {
  stream.audioMuted = true;
  world.feeds.push(stream.connectionId, { type: 'muteForced', streamId: stream.id, all });
  if (world.sessions.get(stream.sessionId)?.connections.get(stream.connectionId)?.kind !== 'sip') return;
  for (const call of world.sipCalls.values()) {
    if (call.streamId !== stream.id || !call.observeForceMute || call.state === 'HANGUP') continue;
    world.emit(call.sessionId, {
      event: 'muteForced',
      call: { id: call.id, connectionId: call.connectionId, createdAt: call.createdAt },
    });
  }
}
