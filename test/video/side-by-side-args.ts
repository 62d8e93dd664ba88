// Argument-validation rows: the same bad call to both SDKs must give the same error class and
// message. `officialSends`: the official package reports the error and then sends the request anyway
// (and may call back again); ours stops. `officialThrows`: the official package throws synchronously;
// ours calls back.
import { SESSION as S } from './helpers/fixtures.js';
import type { Invoke } from './helpers/side-by-side.js';

/** One argument-validation row. */
export interface ArgCase {
  name: string;
  invoke: Invoke;
  officialSends?: boolean;
  officialThrows?: boolean;
}

const fn = () => undefined;

export const ARG_CASES: ArgCase[] = [
  {
    name: 'createSession always archive on relayed',
    invoke: (o, d) => o.createSession({ archiveMode: 'always' }, d),
  },
  { name: 'createSession location', invoke: (o, d) => o.createSession({ location: 'nowhere' }, d) },
  { name: 'startArchive without session', invoke: (o, d) => o.startArchive('', {}, d) },
  { name: 'stopArchive without ID', invoke: (o, d) => o.stopArchive('', d) },
  { name: 'getArchive without ID', invoke: (o, d) => o.getArchive(null, d) },
  { name: 'deleteArchive without ID', invoke: (o, d) => o.deleteArchive('', d) },
  { name: 'addArchiveStream without archive', invoke: (o, d) => o.addArchiveStream(null, 'ST1', d) },
  {
    name: 'addArchiveStream without stream',
    invoke: (o, d) => o.addArchiveStream('A', '', {}, d),
    officialSends: true,
  },
  { name: 'removeArchiveStream without archive', invoke: (o, d) => o.removeArchiveStream('', 'ST1', d) },
  {
    name: 'removeArchiveStream without stream',
    invoke: (o, d) => o.removeArchiveStream('A', null, d),
    officialSends: true,
  },
  { name: 'setArchiveLayout archive ID', invoke: (o, d) => o.setArchiveLayout(5, 'pip', null, null, d) },
  { name: 'setArchiveLayout type', invoke: (o, d) => o.setArchiveLayout('A', 5, null, null, d) },
  {
    name: 'setArchiveLayout stylesheet type',
    invoke: (o, d) => o.setArchiveLayout('A', 'custom', 5, null, d),
  },
  {
    name: 'setArchiveLayout stylesheet function',
    invoke: (o, d) => o.setArchiveLayout('A', 'custom', fn, null, d),
  },
  {
    name: 'setArchiveLayout screenshare type',
    invoke: (o, d) => o.setArchiveLayout('A', 'bestFit', null, 5, d),
  },
  {
    name: 'setArchiveLayout screenshare function',
    invoke: (o, d) => o.setArchiveLayout('A', 'bestFit', null, fn, d),
  },
  {
    name: 'setArchiveLayout screenshare needs bestFit',
    invoke: (o, d) => o.setArchiveLayout('A', 'pip', null, 'pip', d),
  },
  {
    name: 'setBroadcastLayout broadcast ID',
    invoke: (o, d) => o.setBroadcastLayout(null, 'pip', null, null, d),
  },
  { name: 'setBroadcastLayout type', invoke: (o, d) => o.setBroadcastLayout('B', 5, null, null, d) },
  {
    name: 'setBroadcastLayout stylesheet type',
    invoke: (o, d) => o.setBroadcastLayout('B', 'custom', 5, null, d),
  },
  {
    name: 'setBroadcastLayout stylesheet function',
    invoke: (o, d) => o.setBroadcastLayout('B', 'custom', fn, null, d),
  },
  {
    name: 'setBroadcastLayout screenshare type',
    invoke: (o, d) => o.setBroadcastLayout('B', 'bestFit', null, 5, d),
  },
  {
    name: 'setBroadcastLayout screenshare function',
    invoke: (o, d) => o.setBroadcastLayout('B', 'bestFit', null, fn, d),
  },
  {
    name: 'setBroadcastLayout screenshare needs bestFit',
    invoke: (o, d) => o.setBroadcastLayout('B', 'custom', 'x', 'pip', d),
  },
  {
    name: 'startBroadcast without session',
    invoke: (o, d) => o.startBroadcast('', { outputs: { hls: {} } }, d),
  },
  { name: 'startBroadcast without options', invoke: (o, d) => o.startBroadcast(S, null, d) },
  {
    name: 'startBroadcast dvr and lowLatency',
    invoke: (o, d) => o.startBroadcast(S, { outputs: { hls: { dvr: true, lowLatency: true } } }, d),
  },
  { name: 'stopBroadcast without ID', invoke: (o, d) => o.stopBroadcast(null, d) },
  { name: 'getBroadcast without ID', invoke: (o, d) => o.getBroadcast('', d) },
  {
    name: 'addBroadcastStream without broadcast',
    invoke: (o, d) => o.addBroadcastStream('', 'ST1', {}, d),
    officialSends: true,
  },
  {
    name: 'addBroadcastStream without stream',
    invoke: (o, d) => o.addBroadcastStream('B', null, {}, d),
    officialSends: true,
  },
  {
    name: 'removeBroadcastStream without broadcast',
    invoke: (o, d) => o.removeBroadcastStream('', 'ST1', d),
  },
  { name: 'removeBroadcastStream without stream', invoke: (o, d) => o.removeBroadcastStream('B', '', d) },
  {
    name: 'listRenders count too high',
    invoke: (o, d) => o.listRenders({ count: 1001 }, d),
    officialThrows: true,
  },
  {
    name: 'listRenders count too low',
    invoke: (o, d) => o.listRenders({ count: 0 }, d),
    officialThrows: true,
  },
  { name: 'getStream session', invoke: (o, d) => o.getStream('', 'ST1', d) },
  { name: 'getStream stream', invoke: (o, d) => o.getStream(S, 5, d) },
  { name: 'listStreams session', invoke: (o, d) => o.listStreams(null, d) },
  { name: 'setStreamClassLists session', invoke: (o, d) => o.setStreamClassLists(5, [], d) },
  { name: 'setStreamClassLists array', invoke: (o, d) => o.setStreamClassLists(S, 'x', d) },
  {
    name: 'setStreamClassLists element ID',
    invoke: (o, d) => o.setStreamClassLists(S, [{ layoutClassList: [] }], d),
  },
  { name: 'setStreamClassLists class list', invoke: (o, d) => o.setStreamClassLists(S, [{ id: 'a' }], d) },
  {
    name: 'setStreamClassLists class names',
    invoke: (o, d) => o.setStreamClassLists(S, [{ id: 'a', layoutClassList: [1] }], d),
  },
  { name: 'forceDisconnect without session', invoke: (o, d) => o.forceDisconnect(null, 'CONN1', d) },
  { name: 'forceDisconnect without connection', invoke: (o, d) => o.forceDisconnect(S, undefined, d) },
  { name: 'forceMuteStream session', invoke: (o, d) => o.forceMuteStream('', 'ST1', d) },
  { name: 'forceMuteStream stream', invoke: (o, d) => o.forceMuteStream(S, 5, d) },
  { name: 'forceMuteAll session', invoke: (o, d) => o.forceMuteAll(null, {}, d) },
  {
    name: 'forceMuteAll excudedStreamIds',
    invoke: (o, d) => o.forceMuteAll(S, { excudedStreamIds: 'a' }, d),
  },
  { name: 'disableForceMute session', invoke: (o, d) => o.disableForceMute('', d) },
  { name: 'signal without payload', invoke: (o, d) => o.signal(S, null, null, d) },
  { name: 'signal with a connection but no payload', invoke: (o, d) => o.signal(S, 'CONN1', undefined, d) },
  { name: 'signal without session', invoke: (o, d) => o.signal(null, null, { data: 'x' }, d) },
  { name: 'dial without session', invoke: (o, d) => o.dial('', 't', 'sip:a@b', d) },
  { name: 'dial without token', invoke: (o, d) => o.dial(S, null, 'sip:a@b', {}, d) },
  { name: 'dial without URI', invoke: (o, d) => o.dial(S, 't', '', d) },
  { name: 'playDTMF session', invoke: (o, d) => o.playDTMF('', null, '1', d) },
  { name: 'playDTMF connection', invoke: (o, d) => o.playDTMF(S, 5, '1', d) },
  { name: 'websocketConnect session', invoke: (o, d) => o.websocketConnect('', 't', 'wss://x.example', d) },
  { name: 'websocketConnect token', invoke: (o, d) => o.websocketConnect(S, '', 'wss://x.example', {}, d) },
  { name: 'websocketConnect URI', invoke: (o, d) => o.websocketConnect(S, 't', null, d) },
  { name: 'unregisterCallback without ID', invoke: (o, d) => o.unregisterCallback('', d) },
];
