import { SignJWT } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import type { CardRefresher } from '../../src/cards/refresher.js';
import type { LiveCards } from '../../src/cards/service.js';
import type { Emulator } from '../../src/emulator/index.js';
import { Reconciler, type CallbackIngestor } from '../../src/events/index.js';
import { silentLogger } from '../../src/log.js';
import type { HttpServer } from '../../src/server.js';
import type { MeetingRecord, Store } from '../../src/store/types.js';
import type { VideoClient } from '../../src/video/index.js';
import { startBotStack } from '../support/stack.js';
import { RecordingPublisher } from '../cards/recording-publisher.js';

/** Signature secret shared by the emulator and the bot in these tests. */
export const SECRET = 'test-signature-secret-0123456789';

/** Everything between a Vonage callback and a card edit, wired for real on loopback. */
export interface Harness {
  store: Store;
  emulator: Emulator;
  video: VideoClient;
  cards: LiveCards;
  publisher: RecordingPublisher;
  refresher: CardRefresher;
  ingestor: CallbackIngestor;
  reconciler: Reconciler;
  server: HttpServer;
  url: string;
  meeting(title?: string): Promise<MeetingRecord>;
  join(m: MeetingRecord, name: string, userId?: string): Promise<string>;
  /** Waits until the emulator sent everything, callbacks are applied and no card is dirty. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the emulator, a SQLite store, the HTTP server with callbacks and a running refresher. */
export async function startHarness(
  opts: { outOfOrder?: boolean; minIntervalMs?: number } = {},
): Promise<Harness> {
  const stack = await startBotStack({
    callbackSecret: SECRET,
    outOfOrder: opts.outOfOrder,
    minIntervalMs: opts.minIntervalMs,
    pollMs: 25,
  });
  const { store, emulator, video, cards, refresher, server, ingestor } = stack;
  const publisher = new RecordingPublisher();
  cards.registerPublisher(publisher);
  // The emulator stamps events with this process's clock, so no clock-skew margin is needed.
  const reconciler = new Reconciler({ store, video, cards, log: silentLogger, skewMs: 0 });
  stack.onClose(() => reconciler.stop());
  const url = await stack.listen();
  let n = 0;

  const settle = () =>
    stack.settle({
      name: 'the harness',
      quiet: () => !emulator.deliveries().some((d) => d.state === 'pending'),
    });

  return {
    store,
    emulator,
    video,
    cards,
    publisher,
    refresher,
    ingestor,
    reconciler,
    server,
    url,
    settle,
    async meeting(title = 'Weekly sync') {
      const session = await video.createSession({ mediaMode: 'routed' });
      const m = await store.createMeeting({
        id: `k${++n}${randomUUID().slice(0, 6)}`,
        sessionId: session.sessionId,
        platform: 'shell',
        teamId: 'T1',
        channelId: `C${n}`,
        title,
        hostId: 'U1',
        hostName: 'Ada',
        status: 'active',
        options: { relayed: false, autoRecord: false, e2ee: false },
        muteAll: false,
        layout: null,
        createdAt: Date.now(),
        endedAt: null,
      });
      await cards.post(m.id);
      return m;
    },
    async join(m, name, userId = `U-${name}`) {
      return stack.connect(m, 'shell', userId, name);
    },
    close: () => stack.close(),
  };
}

/** Signs a body like Vonage does (HS256, iat, jti, payload_hash); `iatOffsetSec` makes it old. */
export async function sign(body: string, secret = SECRET, iatOffsetSec = 0, hashOf = body): Promise<string> {
  return new SignJWT({ payload_hash: createHash('sha256').update(hashOf).digest('hex') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(Math.floor(Date.now() / 1000) + iatOffsetSec)
    .setJti(randomUUID())
    .setIssuer('Vonage')
    .sign(new TextEncoder().encode(secret));
}

/** POSTs a callback body to the harness, signed unless `auth` is given (null = no header). */
export async function postCallback(
  url: string,
  payload: unknown,
  auth?: string | null,
  path = '/vonage/events',
): Promise<Response> {
  const body = JSON.stringify(payload);
  const authorization = auth === undefined ? `Bearer ${await sign(body)}` : auth;
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body,
  });
}
