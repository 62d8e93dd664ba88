import { SignJWT } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { CardRefresher } from '../../src/cards/refresher.js';
import { LiveCards } from '../../src/cards/service.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { mountCallbacks, Reconciler, type CallbackIngestor } from '../../src/events/index.js';
import { connectionData } from '../../src/identity.js';
import { silentLogger } from '../../src/log.js';
import { registry } from '../../src/metrics.js';
import { createHttpServer, type HttpServer } from '../../src/server.js';
import { openStore } from '../../src/store/index.js';
import type { MeetingRecord, Store } from '../../src/store/types.js';
import { VideoClient } from '../../src/video/index.js';
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
export async function startHarness(opts: { outOfOrder?: boolean; minIntervalMs?: number } = {}): Promise<Harness> {
  const store = await openStore('sqlite::memory:', { log: silentLogger });
  const emulator = await startEmulator({ signatureSecret: SECRET, outOfOrder: opts.outOfOrder, timing: { archiveAvailableMs: 50 } });
  const video = new VideoClient({ apiKey: emulator.apiKey, apiSecret: emulator.apiSecret, baseUrl: emulator.url, retry: false });
  const publisher = new RecordingPublisher();
  const cards = new LiveCards({ store, log: silentLogger, minIntervalMs: opts.minIntervalMs });
  cards.registerPublisher(publisher);
  const refresher = new CardRefresher({ cards, log: silentLogger, pollMs: 25 });
  const server = createHttpServer({ log: silentLogger, metrics: registry });
  const ingestor = mountCallbacks(server, { store, cards, log: silentLogger, auth: { signatureSecret: SECRET, pathToken: 'x'.repeat(32) } });
  const reconciler = new Reconciler({ store, video, cards, ingestor, log: silentLogger });
  const { url } = await server.listen(0, '127.0.0.1');
  emulator.setCallbackUrl(`${url}/vonage/events`);
  refresher.start();
  let n = 0;

  const settle = async () => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      await emulator.idle();
      await ingestor.idle();
      const dirty = await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 10);
      if (dirty.length === 0 && !emulator.deliveries().some((d) => d.state === 'pending')) return;
      if (Date.now() > deadline) throw new Error('the harness did not settle');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  return {
    store, emulator, video, cards, publisher, refresher, ingestor, reconciler, server, url, settle,
    async meeting(title = 'Weekly sync') {
      const session = await video.createSession({ mediaMode: 'routed' });
      const m = await store.createMeeting({
        id: `k${++n}${randomUUID().slice(0, 6)}`, sessionId: session.sessionId, platform: 'shell', teamId: 'T1', channelId: `C${n}`,
        title, hostId: 'U1', hostName: 'Ada', status: 'active', options: { relayed: false, autoRecord: false, e2ee: false },
        muteAll: false, layout: null, createdAt: Date.now(), endedAt: null,
      });
      await cards.post(m.id);
      return m;
    },
    async join(m, name, userId = `U-${name}`) {
      const token = video.generateToken(m.sessionId, { data: connectionData({ platform: 'shell', userId, name }) });
      return (await emulator.connect(m.sessionId, token)).connectionId;
    },
    async close() {
      await refresher.stop();
      await reconciler.stop();
      await emulator.close();
      await server.close();
      await video.close();
      await store.close();
    },
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
export async function postCallback(url: string, payload: unknown, auth?: string | null, path = '/vonage/events'): Promise<Response> {
  const body = JSON.stringify(payload);
  const authorization = auth === undefined ? `Bearer ${await sign(body)}` : auth;
  return fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });
}
