import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoClient, type BroadcastOptions } from '../../src/video/index.js';
import { videoError } from './helpers/catch.js';
import { API_KEY, API_SECRET, SESSION as S } from './helpers/fixtures.js';
import { Recorder } from './helpers/recorder.js';

const rec = new Recorder();
let c: VideoClient;
const hls = { outputs: { hls: {} } } satisfies BroadcastOptions;
const rtmp = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ serverUrl: 'rtmp://x/app', streamName: `k${i}` }));
const bad = <T>(v: unknown) => v as T;

beforeAll(async () => {
  await rec.start();
  c = new VideoClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: rec.url });
});
afterAll(async () => {
  await c.close();
  await rec.close();
});

const RULES: Array<[string, () => Promise<unknown>, string]> = [
  ['session ID too long', () => c.startArchive('x'.repeat(256)), 'sessionId must be at most 255 characters.'],
  ['session ID missing', () => c.listStreams(''), 'sessionId must be a non-empty string.'],
  [
    'archive name over 80',
    () => c.startArchive(S, { name: 'n'.repeat(81) }),
    'name must be at most 80 characters.',
  ],
  [
    'archive audio and video false',
    () => c.startArchive(S, { hasAudio: false, hasVideo: false }),
    'hasAudio and hasVideo cannot both be false.',
  ],
  [
    'archive outputMode',
    () => c.startArchive(S, { outputMode: bad('mixed') }),
    'outputMode must be one of composed, individual.',
  ],
  [
    'archive resolution',
    () => c.startArchive(S, { resolution: bad('800x600') }),
    'resolution must be one of',
  ],
  [
    'archive streamMode',
    () => c.startArchive(S, { streamMode: bad('some') }),
    'streamMode must be one of auto, manual.',
  ],
  ['layout type', () => c.startArchive(S, { layout: { type: bad('grid') } }), 'layout.type must be one of'],
  [
    'custom layout without stylesheet',
    () => c.startArchive(S, { layout: { type: 'custom' } }),
    'layout.stylesheet is required when layout.type is custom.',
  ],
  [
    'stylesheet on non-custom',
    () => c.startArchive(S, { layout: { type: 'pip', stylesheet: 'x' } }),
    'layout.stylesheet is only allowed when layout.type is custom.',
  ],
  [
    'screenshareType needs bestFit',
    () => c.startArchive(S, { layout: { type: 'pip', screenshareType: 'pip' } }),
    'layout.screenshareType requires layout.type to be bestFit.',
  ],
  [
    'screenshareType value',
    () => c.startArchive(S, { layout: { type: 'bestFit', screenshareType: bad('custom') } }),
    'layout.screenshareType must be one of',
  ],
  [
    'maxBitrate with quantizationParameter',
    () => c.startArchive(S, { maxBitrate: 200_000, quantizationParameter: 20 }),
    'cannot be set together',
  ],
  [
    'quantizationParameter range',
    () => c.startArchive(S, { quantizationParameter: 50 }),
    'quantizationParameter must be a whole number from 15 to 40.',
  ],
  [
    'setArchiveLayout screenshare',
    () => c.setArchiveLayout('A', 'pip', undefined, 'pip'),
    'screenshareType requires layout.type to be bestFit.',
  ],
  ['setArchiveLayout custom', () => c.setArchiveLayout('A', 'custom'), 'stylesheet is required'],
  ['setBroadcastLayout type', () => c.setBroadcastLayout('B', bad('tiles')), 'layout.type must be one of'],
  [
    'broadcast outputs',
    () => c.startBroadcast(S, bad({ outputs: {} })),
    'outputs must include hls, rtmp or both.',
  ],
  [
    'broadcast maxDuration low',
    () => c.startBroadcast(S, { ...hls, maxDuration: 59 }),
    'maxDuration must be a whole number from 60 to 36000.',
  ],
  [
    'broadcast maxDuration high',
    () => c.startBroadcast(S, { ...hls, maxDuration: 36_001 }),
    'maxDuration must be a whole number from 60 to 36000.',
  ],
  [
    'broadcast 6 RTMP targets',
    () => c.startBroadcast(S, { outputs: { rtmp: rtmp(6) } }),
    'outputs.rtmp can have at most 5 targets.',
  ],
  [
    'broadcast RTMP URL',
    () => c.startBroadcast(S, { outputs: { rtmp: [{ serverUrl: 'http://x', streamName: 'k' }] } }),
    'outputs.rtmp[0].serverUrl must be a rtmp or rtmps URL',
  ],
  [
    'broadcast RTMP stream name',
    () => c.startBroadcast(S, { outputs: { rtmp: [bad({ serverUrl: 'rtmp://x/a' })] } }),
    'outputs.rtmp[0].streamName is required.',
  ],
  [
    'HLS dvr and lowLatency',
    () => c.startBroadcast(S, { outputs: { hls: { dvr: true, lowLatency: true } } }),
    'outputs.hls cannot set both dvr and lowLatency.',
  ],
  [
    'broadcast resolution',
    () => c.startBroadcast(S, { ...hls, resolution: bad('1x1') }),
    'resolution must be one of',
  ],
  [
    'broadcast streamMode',
    () => c.startBroadcast(S, { ...hls, streamMode: bad('x') }),
    'streamMode must be one of auto, manual.',
  ],
  [
    'broadcast audio and video false',
    () => c.startBroadcast(S, { ...hls, hasAudio: false, hasVideo: false }),
    'hasAudio and hasVideo cannot both be false.',
  ],
  [
    'broadcast custom layout',
    () => c.startBroadcast(S, { ...hls, layout: { type: 'custom' } }),
    'layout.stylesheet is required',
  ],
  [
    'render url',
    () => c.startRender({ sessionId: S, token: 't', url: 'ftp://x' }),
    'url must be a https or http URL',
  ],
  [
    'render token',
    () => c.startRender({ sessionId: S, token: '', url: 'https://x' }),
    'token must be a non-empty string.',
  ],
  [
    'render maxDuration',
    () => c.startRender({ sessionId: S, token: 't', url: 'https://x', maxDuration: 5 }),
    'maxDuration must be a whole number from 60 to 36000.',
  ],
  [
    'render resolution',
    () => c.startRender({ sessionId: S, token: 't', url: 'https://x', resolution: bad('2x2') }),
    'resolution must be one of',
  ],
  ['list count 0', () => c.listArchives({ count: 0 }), 'count must be a whole number from 1 to 1000.'],
  [
    'list count 1001',
    () => c.listBroadcasts({ count: 1001 }),
    'count must be a whole number from 1 to 1000.',
  ],
  ['render list count', () => c.listRenders({ count: 1001 }), 'count must be a whole number from 1 to 1000.'],
  ['list offset', () => c.listArchives({ offset: -1 }), 'offset must be a whole number'],
  ['DTMF digits', () => c.playDTMF(S, null, 'abc!'), 'digits must be one or more of 0-9, *, # and p.'],
  ['DTMF empty', () => c.playDTMF(S, 'CONN', ''), 'digits must be one or more of 0-9, *, # and p.'],
  [
    'signal data over 8 kB',
    () => c.signal(S, null, { data: 'x'.repeat(8193) }),
    'signal data must be at most 8 kB (8192 bytes).',
  ],
  [
    'signal data multibyte over 8 kB',
    () => c.signal(S, null, { data: 'é'.repeat(4097) }),
    'signal data must be at most 8 kB',
  ],
  [
    'signal type over 128',
    () => c.signal(S, null, { type: 't'.repeat(129), data: 'x' }),
    'signal type must be at most 128 characters.',
  ],
  ['signal data missing', () => c.signal(S, null, bad({ type: 'x' })), 'signal data must be a string.'],
  [
    'websocket headers over 512 bytes',
    () => c.websocketConnect(S, 't', 'wss://x', { headers: { k: 'v'.repeat(512) } }),
    'headers must total at most 512 bytes of keys and values.',
  ],
  ['websocket uri', () => c.websocketConnect(S, 't', 'https://x'), 'websocketUri must be a wss or ws URL'],
  [
    'websocket audioRate',
    () => c.websocketConnect(S, 't', 'wss://x', { audioRate: bad(44100) }),
    'audioRate must be one of 8000, 16000.',
  ],
  ['dial sip uri', () => c.dial(S, 't', 'tel:+1555'), 'sipUri must be a sip: or sips: URI.'],
  ['dial token', () => c.dial(S, '', 'sip:a@b'), 'token must be a non-empty string.'],
  [
    'dial headers',
    () => c.dial(S, 't', 'sip:a@b', { headers: bad({ a: 1 }) }),
    'headers must be an object whose values are strings.',
  ],
  [
    'location not IPv4',
    () => c.createSession({ location: 'example.com' }),
    'location must be an IPv4 address.',
  ],
  [
    'always archive needs routed',
    () => c.createSession({ archiveMode: 'always' }),
    'archiveMode always requires mediaMode routed.',
  ],
  [
    'session archiveName',
    () => c.createSession({ mediaMode: 'routed', archiveName: 'a'.repeat(81) }),
    'archiveName must be at most 80 characters.',
  ],
  [
    'session archiveResolution',
    () => c.createSession({ archiveResolution: bad('1x1') }),
    'archiveResolution must be one of',
  ],
  [
    'session mediaMode',
    () => c.createSession({ mediaMode: bad('p2p') }),
    'mediaMode must be one of routed, relayed.',
  ],
  ['e2ee needs routed', () => c.createSession({ e2ee: true }), 'e2ee requires mediaMode routed.'],
  [
    'class list entry',
    () => c.setStreamClassLists(S, [{ id: 'a', layoutClassList: ['has space'] }]),
    'classLists[0].layoutClassList must be an array of class names without spaces.',
  ],
  ['class list empty', () => c.setStreamClassLists(S, []), 'classLists must be a non-empty array.'],
  [
    'excludedStreamIds',
    () => c.forceMuteAll(S, { excludedStreamIds: bad('a') }),
    'excludedStreamIds must be an array of non-empty strings.',
  ],
  ['archive ID missing', () => c.stopArchive(''), 'archiveId must be a non-empty string.'],
  ['stream ID missing', () => c.forceMuteStream(S, bad(undefined)), 'streamId must be a non-empty string.'],
  ['connection ID missing', () => c.forceDisconnect(S, ''), 'connectionId must be a non-empty string.'],
  [
    'addArchiveStream flag',
    () => c.addArchiveStream('A', 'S', { hasAudio: bad('no') }),
    'hasAudio must be true or false.',
  ],
];

describe('validation before any request', () => {
  it.each(RULES)('refuses %s with one sentence', async (_name, call, fragment) => {
    const e = await videoError(call);
    expect(e.code).toBe('invalid');
    expect(e.userMessage).toContain(fragment);
    expect(e.userMessage).toMatch(/^[^.]*(\.[^.\s][^.]*)*\.$/);
    expect(e.status).toBeUndefined();
  });

  it('sent no request for any refused call', () => {
    expect(rec.requests).toHaveLength(0);
  });

  it('rejects (not throws) so a .catch handler sees argument errors', async () => {
    const p = c.startArchive(S, { name: 'n'.repeat(81) });
    expect(p).toBeInstanceOf(Promise);
    await expect(p).rejects.toMatchObject({ code: 'invalid' });
  });

  it('accepts the limits themselves', async () => {
    await c.startArchive(S, { name: 'n'.repeat(80) });
    await c.startBroadcast(S, { outputs: { rtmp: rtmp(5) }, maxDuration: 36_000 });
    await c.signal(S, null, { type: 't'.repeat(128), data: 'x'.repeat(8192) });
    await c.websocketConnect(S, 't', 'wss://x', { headers: { k: 'v'.repeat(511) } });
    await c.listArchives({ count: 1000 });
    expect(rec.requests).toHaveLength(5);
  });
});

describe('garbage arguments never crash', () => {
  const GARBAGE: unknown[] = [null, 42, 'x', {}, [], true];
  const METHODS = [
    'createSession',
    'startArchive',
    'stopArchive',
    'getArchive',
    'listArchives',
    'deleteArchive',
    'addArchiveStream',
    'removeArchiveStream',
    'setArchiveLayout',
    'startBroadcast',
    'stopBroadcast',
    'getBroadcast',
    'listBroadcasts',
    'addBroadcastStream',
    'removeBroadcastStream',
    'setBroadcastLayout',
    'startRender',
    'stopRender',
    'getRender',
    'listRenders',
    'getStream',
    'listStreams',
    'setStreamClassLists',
    'forceDisconnect',
    'forceMuteStream',
    'forceMuteAll',
    'disableForceMute',
    'signal',
    'dial',
    'playDTMF',
    'websocketConnect',
  ] as const;

  it.each(METHODS)('%s rejects garbage with a VideoError (or succeeds), never a TypeError', async (name) => {
    const fn = (c as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!.bind(c);
    for (const g of GARBAGE) {
      for (const args of [[g], [S, g], [S, g, g], [S, 'tok', g, g]]) {
        try {
          await fn(...args);
        } catch (e) {
          expect(e, `${name}(${JSON.stringify(args)})`).toBeInstanceOf(Error);
          expect((e as Error).name, `${name}(${JSON.stringify(args)}): ${(e as Error).message}`).toBe(
            'VideoError',
          );
        }
      }
    }
  });
});
