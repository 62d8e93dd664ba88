// One row per public REST method of the official package: the call (written once for both SDKs),
// its success reply, and where the official package is known to misbehave (documented in
// src/video/README.md; those runs use the expectation of its transport instead of running it).
import { SESSION as S } from './helpers/fixtures.js';
import { ARCHIVE, BROADCAST, CALLBACK, RENDER, STREAM, type Reply } from './helpers/recorder.js';
import type { Invoke } from './helpers/side-by-side.js';

/** One method row. */
export interface MethodCase {
  method: string;
  invoke: Invoke;
  /** The success reply (default: the recorder's). */
  reply?: Reply;
  /** 'raw': the official callback gets the raw reply body and a node-fetch Response; ours gets none. */
  result?: 'raw';
  /** Helper functions the result object must carry in both SDKs. */
  helpers?: string[];
  /** Error statuses where the official package misbehaves (it is not run; its transport's error is expected). */
  officialBug?: { statuses: number[]; why: string };
}

const all = [400, 401, 403, 404, 405, 409, 413, 429, 500, 503];

export const METHOD_CASES: MethodCase[] = [
  {
    method: 'createSession',
    invoke: (o, d) =>
      o.createSession(
        { mediaMode: 'routed', archiveMode: 'always', location: '12.34.56.78', e2ee: false },
        d,
      ),
  },
  {
    method: 'startArchive',
    invoke: (o, d) =>
      o.startArchive(
        S,
        { name: 'n', outputMode: 'composed', resolution: '1280x720', multiArchiveTag: 't' },
        d,
      ),
    reply: { body: { ...ARCHIVE, partnerId: 123456, projectId: 123456, extra: { kept: true } } },
    helpers: ['stop', 'delete'],
  },
  { method: 'stopArchive', invoke: (o, d) => o.stopArchive('ARCH1', d), helpers: ['stop', 'delete'] },
  { method: 'getArchive', invoke: (o, d) => o.getArchive('ARCH1', d), helpers: ['stop', 'delete'] },
  { method: 'deleteArchive', invoke: (o, d) => o.deleteArchive('ARCH1', d) },
  { method: 'listArchives', invoke: (o, d) => o.listArchives({ offset: 3, count: 5, sessionId: S }, d) },
  { method: 'addArchiveStream', invoke: (o, d) => o.addArchiveStream('ARCH1', 'ST1', { hasVideo: 0 }, d) },
  { method: 'removeArchiveStream', invoke: (o, d) => o.removeArchiveStream('ARCH1', 'ST1', d) },
  {
    method: 'setArchiveLayout',
    invoke: (o, d) => o.setArchiveLayout('ARCH1', 'bestFit', null, 'pip', d),
    result: 'raw',
  },
  {
    method: 'startBroadcast',
    invoke: (o, d) =>
      o.startBroadcast(
        S,
        {
          outputs: { hls: { dvr: true }, rtmp: [{ id: 'foo', serverUrl: 'rtmp://x/app', streamName: 'sn' }] },
          maxDuration: 5400,
          multiBroadcastTag: 'm',
          maxBitrate: 1_000_000,
        },
        d,
      ),
    reply: { body: { ...BROADCAST, event: 'broadcast', partnerId: 123456, projectId: 123456 } },
    helpers: ['stop'],
  },
  { method: 'stopBroadcast', invoke: (o, d) => o.stopBroadcast('BC1', d), helpers: ['stop'] },
  {
    method: 'getBroadcast',
    invoke: (o, d) => o.getBroadcast('BC1', d),
    reply: { body: { ...BROADCAST, event: 'broadcast', partnerId: 123456 } },
    helpers: ['stop'],
  },
  {
    method: 'listBroadcasts',
    invoke: (o, d) => o.listBroadcasts({ offset: '2', count: 7.9, sessionId: S }, d),
    officialBug: {
      statuses: [400, 405, 409, 413, 429, 500, 503],
      why: 'maps the error body as a list and calls back with a TypeError',
    },
  },
  {
    method: 'addBroadcastStream',
    invoke: (o, d) => o.addBroadcastStream('BC1', 'ST1', {}, d),
    result: 'raw',
  },
  {
    method: 'removeBroadcastStream',
    invoke: (o, d) => o.removeBroadcastStream('BC1', 'ST1', d),
    result: 'raw',
  },
  {
    method: 'setBroadcastLayout',
    invoke: (o, d) => o.setBroadcastLayout('BC1', 'custom', 'stream {}', null, d),
    result: 'raw',
  },
  {
    method: 'startRender',
    invoke: (o, d) =>
      o.startRender(
        { sessionId: S, token: 't', url: 'https://x.example/', statusCallbackUrl: 'https://x.example/cb' },
        d,
      ),
    reply: { status: 202, body: { ...RENDER, event: 'render', unknownKey: 1 } },
  },
  { method: 'stopRender', invoke: (o, d) => o.stopRender('R1', d), result: 'raw' },
  { method: 'getRender', invoke: (o, d) => o.getRender('R1', d) },
  { method: 'listRenders', invoke: (o, d) => o.listRenders({ offset: 2, count: 10 }, d) },
  {
    method: 'getStream',
    invoke: (o, d) => o.getStream(S, 'ST1', d),
    // The official package parses the reply twice, so it only works without a JSON content type.
    reply: { body: JSON.stringify(STREAM) },
  },
  { method: 'listStreams', invoke: (o, d) => o.listStreams(S, d) },
  {
    method: 'setStreamClassLists',
    invoke: (o, d) => o.setStreamClassLists(S, [{ id: 'STR1', layoutClassList: ['full', 'focus'] }], d),
    result: 'raw',
  },
  { method: 'forceDisconnect', invoke: (o, d) => o.forceDisconnect(S, 'CONN1', d) },
  { method: 'forceMuteStream', invoke: (o, d) => o.forceMuteStream(S, 'ST1', d) },
  { method: 'forceMuteAll', invoke: (o, d) => o.forceMuteAll(S, { excludedStreamIds: ['a', 'b'] }, d) },
  { method: 'disableForceMute', invoke: (o, d) => o.disableForceMute(S, d) },
  { method: 'signal', invoke: (o, d) => o.signal(S, 'CONN1', { type: 'chat', data: 'hello' }, d) },
  {
    method: 'dial',
    invoke: (o, d) =>
      o.dial(
        S,
        'tok',
        'sip:u@example.com',
        {
          headers: { 'X-A': '1' },
          auth: { username: 'u', password: 'p' },
          secure: 1,
          from: 'f@example.com',
          video: 'yes',
          observeForceMute: true,
          streams: ['s1'],
        },
        d,
      ),
  },
  { method: 'playDTMF', invoke: (o, d) => o.playDTMF(S, null, '1#p2', d) },
  {
    method: 'websocketConnect',
    invoke: (o, d) =>
      o.websocketConnect(
        S,
        'tok',
        'wss://example.com/ws',
        { streams: ['s1'], headers: { a: 'b' }, bidirectional: true },
        d,
      ),
  },
  {
    method: 'startCaptions',
    invoke: (o, d) => o.startCaptions(S, 'tok', { languageCode: 'es-US', partialCaptions: false }, d),
  },
  { method: 'stopCaptions', invoke: (o, d) => o.stopCaptions('CAP1', d) },
  {
    method: 'registerCallback',
    invoke: (o, d) =>
      o.registerCallback({ group: 'captions', event: 'status', url: 'https://example.com/cb' }, d),
    helpers: ['unregister'],
  },
  { method: 'unregisterCallback', invoke: (o, d) => o.unregisterCallback('CB1', d) },
  {
    method: 'listCallbacks',
    invoke: (o, d) => o.listCallbacks(d),
    reply: { body: [CALLBACK, { ...CALLBACK, id: 'CB2', group: 'archive' }] },
    officialBug: { statuses: all, why: 'calls back twice, then throws an unhandled TypeError' },
  },
];

/** Every error status the documentation and the reference name for these calls. */
export const STATUSES = all;
