import { Registry } from 'prom-client';
import { createLogger, type Logger } from '../../src/log.js';
import { createHttpServer, type HttpServer } from '../../src/server.js';
import { createSqliteStore } from '../../src/store/sqlite/store.js';
import type { MeetingRecord, Store } from '../../src/store/types.js';
import { mountJoinRoutes, type JoinDeps } from '../../src/join/routes.js';
import { createTicket } from '../../src/join/tickets.js';
import { encodeSessionId } from '../../src/video/session-id.js';
import { VideoClient } from '../../src/video/index.js';

// A real bot HTTP server with only the join routes, a real SQLite store and a real Video client:
// the pieces the join page talks to, faked nowhere.

export const SECRET = 'join-test-ticket-secret';
export const API_KEY = '47000001';
export const API_SECRET = 'a'.repeat(40);

/** A running join server plus what tests need to mint tickets and read logs. */
export interface JoinHarness {
  url: string;
  store: Store;
  server: HttpServer;
  video: JoinDeps['video'];
  logs: string[];
  meeting: MeetingRecord;
  /** Clock the routes see; tests move it to expire tickets. */
  clock: { now: number };
  ticket(
    claims?: Partial<{ m: string; u: string; n: string; r: 'moderator' | 'publisher' }>,
    ttlMs?: number,
  ): string;
  close(): Promise<void>;
}

/** Starts the harness; `emulator` and `video` override the deps for emulator-mode tests. */
export async function startJoinHarness(
  opts: { emulator?: JoinDeps['emulator']; video?: JoinDeps['video']; sessionId?: string; log?: Logger } = {},
): Promise<JoinHarness> {
  const logs: string[] = [];
  const log = opts.log ?? createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const store = createSqliteStore(':memory:', log);
  await store.migrate();
  const clock = { now: Date.now() };
  const meeting = await store.createMeeting({
    id: 'mtg1',
    sessionId: opts.sessionId ?? encodeSessionId(API_KEY),
    platform: 'slack',
    teamId: 'T1',
    channelId: 'C1',
    title: 'Design review <b>',
    hostId: 'U1',
    hostName: 'Ada Lovelace',
    status: 'active',
    options: { relayed: false, autoRecord: false, e2ee: false },
    muteAll: false,
    layout: null,
    createdAt: clock.now,
    endedAt: null,
  });
  const server = createHttpServer({ log, metrics: new Registry() });
  const { url } = await server.listen(0, '127.0.0.1');
  const video = opts.video ?? new VideoClient({ apiKey: API_KEY, apiSecret: API_SECRET });
  mountJoinRoutes(server, {
    store,
    video,
    ticketSecret: SECRET,
    now: () => clock.now,
    log,
    emulator: opts.emulator,
    publicUrl: url,
  });
  return {
    url,
    store,
    server,
    video,
    logs,
    meeting,
    clock,
    ticket: (claims = {}, ttlMs) =>
      createTicket(
        { m: 'mtg1', u: 'U2', n: 'Grace Hopper', r: 'publisher', ...claims },
        SECRET,
        clock.now,
        ttlMs,
      ),
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

/** POSTs JSON the way the page does. */
export async function postJson(
  url: string,
  body: unknown = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}
