// Every VideoClient REST method with the exact request it must produce (OpenTok paths; `P` is the
// project prefix). Shared by the wire tests for both credential kinds.
import type { VideoClient } from '../../src/video/index.js';
import { SESSION } from './helpers/fixtures.js';
import { NEWER_WIRE_CASES } from './wire-cases-newer.js';

/** One wire expectation. */
export interface WireCase {
  name: string;
  call: (c: VideoClient) => Promise<unknown>;
  method: string;
  /** Path after the project prefix (`/v2/project/{id}`), or absolute when it starts with `!`. */
  path: string;
  /** Expected JSON body (deep-equal), form text, or undefined for no body. */
  json?: unknown;
  form?: string;
}

const S = SESSION;

export const WIRE_CASES: WireCase[] = [
  {
    name: 'createSession default',
    call: (c) => c.createSession(),
    method: 'POST',
    path: '!/session/create',
    form: 'archiveMode=manual&p2p.preference=enabled',
  },
  {
    name: 'createSession full',
    call: (c) =>
      c.createSession({
        mediaMode: 'routed',
        archiveMode: 'always',
        archiveName: 'my name',
        archiveResolution: '1280x720',
        e2ee: true,
        location: '12.34.56.78',
      }),
    method: 'POST',
    path: '!/session/create',
    form: 'archiveMode=always&archiveName=my+name&archiveResolution=1280x720&e2ee=true&location=12.34.56.78&p2p.preference=disabled',
  },
  {
    name: 'startArchive',
    call: (c) =>
      c.startArchive(S, {
        name: 'n',
        hasAudio: true,
        hasVideo: false,
        outputMode: 'composed',
        resolution: '1280x720',
        layout: { type: 'bestFit', screenshareType: 'pip' },
        streamMode: 'manual',
        multiArchiveTag: 't',
        maxBitrate: 300000,
      }),
    method: 'POST',
    path: '/archive',
    json: {
      sessionId: S,
      name: 'n',
      hasAudio: true,
      hasVideo: false,
      outputMode: 'composed',
      resolution: '1280x720',
      layout: { type: 'bestFit', screenshareType: 'pip' },
      streamMode: 'manual',
      multiArchiveTag: 't',
      maxBitrate: 300000,
    },
  },
  {
    name: 'startArchive minimal',
    call: (c) => c.startArchive(S),
    method: 'POST',
    path: '/archive',
    json: { sessionId: S },
  },
  {
    name: 'stopArchive',
    call: (c) => c.stopArchive('ARCH/1'),
    method: 'POST',
    path: '/archive/ARCH%2F1/stop',
    json: {},
  },
  { name: 'getArchive', call: (c) => c.getArchive('ARCH1'), method: 'GET', path: '/archive/ARCH1' },
  {
    name: 'listArchives',
    call: (c) => c.listArchives({ offset: 2, count: 5, sessionId: 'a+b/c=' }),
    method: 'GET',
    path: '/archive?offset=2&count=5&sessionId=a%2Bb%2Fc%3D',
  },
  { name: 'listArchives none', call: (c) => c.listArchives(), method: 'GET', path: '/archive' },
  { name: 'deleteArchive', call: (c) => c.deleteArchive('ARCH1'), method: 'DELETE', path: '/archive/ARCH1' },
  {
    name: 'addArchiveStream',
    call: (c) => c.addArchiveStream('ARCH1', 'ST1', { hasAudio: false }),
    method: 'PATCH',
    path: '/archive/ARCH1/streams',
    json: { hasAudio: false, hasVideo: true, addStream: 'ST1' },
  },
  {
    name: 'removeArchiveStream',
    call: (c) => c.removeArchiveStream('ARCH1', 'ST1'),
    method: 'PATCH',
    path: '/archive/ARCH1/streams',
    json: { removeStream: 'ST1' },
  },
  {
    name: 'setArchiveLayout',
    call: (c) => c.setArchiveLayout('ARCH1', 'bestFit', undefined, 'pip'),
    method: 'PUT',
    path: '/archive/ARCH1/layout',
    json: { type: 'bestFit', screenshareType: 'pip' },
  },
  {
    name: 'setArchiveLayout custom',
    call: (c) => c.setArchiveLayout('ARCH1', 'custom', 'stream.a {x: 1}'),
    method: 'PUT',
    path: '/archive/ARCH1/layout',
    json: { type: 'custom', stylesheet: 'stream.a {x: 1}' },
  },
  {
    name: 'startBroadcast',
    call: (c) =>
      c.startBroadcast(S, {
        outputs: { hls: { dvr: true }, rtmp: [{ id: 'foo', serverUrl: 'rtmp://x/app', streamName: 'sn' }] },
        maxDuration: 5400,
        resolution: '640x480',
        layout: { type: 'custom', stylesheet: 's' },
        multiBroadcastTag: 'm',
        maxBitrate: 1000000,
      }),
    method: 'POST',
    path: '/broadcast',
    json: {
      outputs: { hls: { dvr: true }, rtmp: [{ id: 'foo', serverUrl: 'rtmp://x/app', streamName: 'sn' }] },
      maxDuration: 5400,
      resolution: '640x480',
      layout: { type: 'custom', stylesheet: 's' },
      multiBroadcastTag: 'm',
      maxBitrate: 1000000,
      sessionId: S,
      streamMode: 'auto',
    },
  },
  {
    name: 'stopBroadcast',
    call: (c) => c.stopBroadcast('BC1'),
    method: 'POST',
    path: '/broadcast/BC1/stop',
    json: {},
  },
  { name: 'getBroadcast', call: (c) => c.getBroadcast('BC1'), method: 'GET', path: '/broadcast/BC1' },
  {
    name: 'listBroadcasts',
    call: (c) => c.listBroadcasts({ count: 7, sessionId: S }),
    method: 'GET',
    path: `/broadcast?count=7&sessionId=${S}`,
  },
  {
    name: 'addBroadcastStream honours false',
    call: (c) => c.addBroadcastStream('BC1', 'ST1', { hasAudio: false, hasVideo: false }),
    method: 'PATCH',
    path: '/broadcast/BC1/streams',
    json: { addStream: 'ST1', hasAudio: false, hasVideo: false },
  },
  {
    name: 'removeBroadcastStream',
    call: (c) => c.removeBroadcastStream('BC1', 'ST1'),
    method: 'PATCH',
    path: '/broadcast/BC1/streams',
    json: { removeStream: 'ST1' },
  },
  {
    name: 'setBroadcastLayout',
    call: (c) => c.setBroadcastLayout('BC1', 'bestFit', undefined, 'horizontalPresentation'),
    method: 'PUT',
    path: '/broadcast/BC1/layout',
    json: { type: 'bestFit', screenshareType: 'horizontalPresentation' },
  },
  {
    name: 'startRender sends properties',
    call: (c) =>
      c.startRender({
        sessionId: S,
        token: 'tok',
        url: 'https://example.com/x',
        statusCallbackUrl: 'https://example.com/cb',
        properties: { name: 'Composer' },
      }),
    method: 'POST',
    path: '/render',
    json: {
      sessionId: S,
      token: 'tok',
      url: 'https://example.com/x',
      maxDuration: 1800,
      resolution: '1280x720',
      statusCallbackUrl: 'https://example.com/cb',
      properties: { name: 'Composer' },
    },
  },
  { name: 'stopRender', call: (c) => c.stopRender('R1'), method: 'DELETE', path: '/render/R1' },
  { name: 'getRender', call: (c) => c.getRender('R1'), method: 'GET', path: '/render/R1' },
  {
    name: 'listRenders',
    call: (c) => c.listRenders({ offset: 1, count: 3 }),
    method: 'GET',
    path: '/render?offset=1&count=3',
  },
  { name: 'getStream', call: (c) => c.getStream(S, 'ST1'), method: 'GET', path: `/session/${S}/stream/ST1` },
  { name: 'listStreams', call: (c) => c.listStreams(S), method: 'GET', path: `/session/${S}/stream` },
  {
    name: 'setStreamClassLists',
    call: (c) =>
      c.setStreamClassLists(S, [
        { id: 'STR1', layoutClassList: ['full', 'focus'] },
        { id: 'STR2', layoutClassList: [] },
      ]),
    method: 'PUT',
    path: `/session/${S}/stream`,
    json: {
      items: [
        { id: 'STR1', layoutClassList: ['full', 'focus'] },
        { id: 'STR2', layoutClassList: [] },
      ],
    },
  },
  {
    name: 'forceDisconnect',
    call: (c) => c.forceDisconnect(S, 'CONN1'),
    method: 'DELETE',
    path: `/session/${S}/connection/CONN1`,
  },
  {
    name: 'forceMuteStream',
    call: (c) => c.forceMuteStream(S, 'ST1'),
    method: 'POST',
    path: `/session/${S}/stream/ST1/mute`,
    json: {},
  },
  {
    name: 'forceMuteAll excluded',
    call: (c) => c.forceMuteAll(S, { excludedStreamIds: ['a', 'b'] }),
    method: 'POST',
    path: `/session/${S}/mute`,
    json: { excludedStreamIds: ['a', 'b'], active: true },
  },
  {
    name: 'forceMuteAll',
    call: (c) => c.forceMuteAll(S),
    method: 'POST',
    path: `/session/${S}/mute`,
    json: { active: true },
  },
  {
    name: 'disableForceMute',
    call: (c) => c.disableForceMute(S),
    method: 'POST',
    path: `/session/${S}/mute`,
    json: { active: false },
  },
  {
    name: 'signal session',
    call: (c) => c.signal(S, null, { type: 'chat', data: 'hi' }),
    method: 'POST',
    path: `/session/${S}/signal`,
    json: { type: 'chat', data: 'hi' },
  },
  {
    name: 'signal connection',
    call: (c) => c.signal(S, 'CONN1', { data: 'hi' }),
    method: 'POST',
    path: `/session/${S}/connection/CONN1/signal`,
    json: { data: 'hi' },
  },
  {
    name: 'dial',
    call: (c) =>
      c.dial(S, 'tok', 'sip:user@example.com', {
        headers: { 'X-A': '1' },
        auth: { username: 'u', password: 'p' },
        secure: true,
        from: 'from@example.com',
        video: true,
        observeForceMute: true,
        streams: ['s1'],
      }),
    method: 'POST',
    path: '/dial',
    json: {
      sessionId: S,
      token: 'tok',
      sip: {
        uri: 'sip:user@example.com',
        headers: { 'X-A': '1' },
        auth: { username: 'u', password: 'p' },
        secure: true,
        from: 'from@example.com',
        video: true,
        observeForceMute: true,
        streams: ['s1'],
      },
    },
  },
  {
    name: 'dial minimal',
    call: (c) => c.dial(S, 'tok', 'sip:user@example.com', { secure: false }),
    method: 'POST',
    path: '/dial',
    json: { sessionId: S, token: 'tok', sip: { uri: 'sip:user@example.com' } },
  },
  {
    name: 'playDTMF session',
    call: (c) => c.playDTMF(S, null, '12#*p3'),
    method: 'POST',
    path: `/session/${S}/play-dtmf`,
    json: { digits: '12#*p3' },
  },
  {
    name: 'playDTMF connection',
    call: (c) => c.playDTMF(S, 'CONN1', '1'),
    method: 'POST',
    path: `/session/${S}/connection/CONN1/play-dtmf`,
    json: { digits: '1' },
  },
  {
    name: 'websocketConnect',
    call: (c) =>
      c.websocketConnect(S, 'tok', 'wss://example.com/ws', {
        streams: ['s1'],
        headers: { a: 'b' },
        audioRate: 16000,
        bidirectional: true,
      }),
    method: 'POST',
    path: '/connect',
    json: {
      sessionId: S,
      token: 'tok',
      websocket: {
        uri: 'wss://example.com/ws',
        streams: ['s1'],
        headers: { a: 'b' },
        audioRate: 16000,
        bidirectional: true,
      },
    },
  },
  ...NEWER_WIRE_CASES,
];
