// Runs the official `opentok` package and our OpenTok layer with the same callback code against the
// same recording server and compares what reaches the wire.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenTok } from '../../src/video/opentok.js';
import { jwtVerify } from 'jose';
import { API_KEY, API_SECRET, APP_ID, PRIVATE_PEM, PUBLIC_KEY, SESSION as S } from './helpers/fixtures.js';
import { Recorder, type Recorded } from './helpers/recorder.js';
import { Official as SdkCtor, type Done, type Sdk } from './helpers/side-by-side.js';

const Official = SdkCtor as unknown as new (k: string, s: string, env: string) => Sdk;

const rec = new Recorder();
let official: Sdk;
let ours: Sdk;

beforeAll(async () => {
  await rec.start();
  official = new Official(API_KEY, API_SECRET, rec.url);
  ours = new OpenTok(API_KEY, API_SECRET, rec.url) as unknown as Sdk;
});
afterAll(async () => {
  await (ours as unknown as OpenTok).close();
  await rec.close();
});
beforeEach(() => rec.reset());

function run(sdk: Sdk, fn: (sdk: Sdk, done: Done) => void): Promise<{ err: Error | null; req: Recorded }> {
  rec.reset();
  return new Promise((resolve) => fn(sdk, (err) => resolve({ err: err as Error | null, req: rec.one() })));
}

function wire(r: Recorded) {
  const type = String(r.headers['content-type'] ?? '');
  const body = !r.body
    ? undefined
    : type.startsWith('application/json')
      ? JSON.parse(r.body)
      : Object.fromEntries(new URLSearchParams(r.body));
  return { method: r.method, url: r.url, body };
}

const SAME: Array<[string, (sdk: Sdk, done: Done) => void]> = [
  [
    'createSession',
    (o, d) => o.createSession({ mediaMode: 'routed', archiveMode: 'always', location: '12.34.56.78' }, d),
  ],
  ['createSession default', (o, d) => o.createSession({}, d)],
  [
    'startArchive',
    (o, d) =>
      o.startArchive(
        S,
        {
          name: 'n',
          hasVideo: false,
          outputMode: 'composed',
          resolution: '1280x720',
          layout: { type: 'bestFit', screenshareType: 'pip' },
          streamMode: 'manual',
          multiArchiveTag: 't',
        },
        d,
      ),
  ],
  ['stopArchive', (o, d) => o.stopArchive('ARCH1', d)],
  ['getArchive', (o, d) => o.getArchive('ARCH1', d)],
  ['listArchives', (o, d) => o.listArchives({ offset: 3, count: 5, sessionId: S }, d)],
  ['deleteArchive', (o, d) => o.deleteArchive('ARCH1', d)],
  ['addArchiveStream', (o, d) => o.addArchiveStream('ARCH1', 'ST1', { hasAudio: false, hasVideo: true }, d)],
  ['removeArchiveStream', (o, d) => o.removeArchiveStream('ARCH1', 'ST1', d)],
  ['setArchiveLayout', (o, d) => o.setArchiveLayout('ARCH1', 'bestFit', null, 'pip', d)],
  [
    'startBroadcast',
    (o, d) =>
      o.startBroadcast(
        S,
        {
          outputs: { hls: { dvr: true }, rtmp: [{ id: 'foo', serverUrl: 'rtmp://x/app', streamName: 'sn' }] },
          maxDuration: 5400,
          resolution: '640x480',
        },
        d,
      ),
  ],
  ['stopBroadcast', (o, d) => o.stopBroadcast('BC1', d)],
  ['getBroadcast', (o, d) => o.getBroadcast('BC1', d)],
  ['listBroadcasts', (o, d) => o.listBroadcasts({ count: 7 }, d)],
  ['addBroadcastStream (true flags)', (o, d) => o.addBroadcastStream('BC1', 'ST1', {}, d)],
  ['removeBroadcastStream', (o, d) => o.removeBroadcastStream('BC1', 'ST1', d)],
  ['setBroadcastLayout', (o, d) => o.setBroadcastLayout('BC1', 'custom', 'stream {}', null, d)],
  ['stopRender', (o, d) => o.stopRender('R1', d)],
  ['getRender', (o, d) => o.getRender('R1', d)],
  ['listRenders', (o, d) => o.listRenders({ offset: 2, count: 10 }, d)],
  ['listStreams', (o, d) => o.listStreams(S, d)],
  [
    'setStreamClassLists',
    (o, d) => o.setStreamClassLists(S, [{ id: 'STR1', layoutClassList: ['full', 'focus'] }], d),
  ],
  ['forceDisconnect', (o, d) => o.forceDisconnect(S, 'CONN1', d)],
  ['forceMuteStream', (o, d) => o.forceMuteStream(S, 'ST1', d)],
  ['forceMuteAll', (o, d) => o.forceMuteAll(S, { excludedStreamIds: ['a', 'b'] }, d)],
  ['disableForceMute', (o, d) => o.disableForceMute(S, d)],
  ['signal', (o, d) => o.signal(S, null, { type: 'chat', data: 'hello' }, d)],
  ['signal to connection', (o, d) => o.signal(S, 'CONN1', { type: 'chat', data: 'hello' }, d)],
  [
    'dial',
    (o, d) =>
      o.dial(
        S,
        'tok',
        'sip:u@example.com',
        {
          headers: { 'X-A': '1' },
          auth: { username: 'u', password: 'p' },
          secure: true,
          from: 'f@example.com',
          observeForceMute: true,
        },
        d,
      ),
  ],
  ['playDTMF', (o, d) => o.playDTMF(S, 'CONN1', '1#p2', d)],
  [
    'websocketConnect',
    (o, d) =>
      o.websocketConnect(
        S,
        'tok',
        'wss://example.com/ws',
        { streams: ['s1'], headers: { a: 'b' }, bidirectional: true },
        d,
      ),
  ],
];

describe('conformance with the official opentok package', () => {
  it.each(SAME)('%s puts the same method, path and body on the wire', async (_name, fn) => {
    const a = await run(official, fn);
    const b = await run(ours, fn);
    expect(a.err).toBeNull();
    expect(b.err).toBeNull();
    expect(wire(b.req)).toStrictEqual(wire(a.req));
  });

  it('verifies our tokens the way the official SDK mints them (same claim names)', () => {
    const theirs = String(official.generateToken(S, { role: 'moderator', data: 'x' }));
    const mine = String(ours.generateToken(S, { role: 'moderator', data: 'x' }));
    const claims = (t: string) =>
      Object.keys(JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString())).sort();
    expect(claims(mine)).toEqual(claims(theirs));
  });
});

describe('conformance in Vonage application mode (the official shim)', () => {
  let officialApp: Sdk;
  let oursApp: Sdk;
  beforeAll(() => {
    officialApp = new Official(APP_ID, PRIVATE_PEM, rec.url);
    oursApp = new OpenTok(APP_ID, PRIVATE_PEM, rec.url) as unknown as Sdk;
  });
  afterAll(() => (oursApp as unknown as OpenTok).close());

  it.each(SAME)('%s matches method, path and body with Bearer RS256 auth', async (_name, fn) => {
    const a = await run(officialApp, fn);
    const b = await run(oursApp, fn);
    expect(a.err).toBeNull();
    expect(b.err).toBeNull();
    expect(wire(b.req)).toStrictEqual(wire(a.req));
    for (const r of [a.req, b.req]) {
      const { payload } = await jwtVerify(String(r.headers.authorization).slice(7), PUBLIC_KEY, {
        algorithms: ['RS256'],
      });
      expect(payload).toMatchObject({ iss: APP_ID, ist: 'project', application_id: APP_ID });
    }
  });
});
