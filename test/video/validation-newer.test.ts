import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoClient, type CallbackGroup } from '../../src/video/index.js';
import { videoError } from './helpers/catch.js';
import { API_KEY, API_SECRET, SESSION as S } from './helpers/fixtures.js';
import { Recorder } from './helpers/recorder.js';

// The documented limits of the newer surface are checked before any request leaves: one sentence,
// code 'invalid', nothing on the wire.

const rec = new Recorder();
let c: VideoClient;
const bad = <T>(v: unknown) => v as T;
const cb = (group: string, event: string, url = 'https://example.com/cb') => ({
  group: group as CallbackGroup,
  event,
  url,
});

beforeAll(async () => {
  await rec.start();
  c = new VideoClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: rec.url });
});
afterAll(async () => {
  await c.close();
  await rec.close();
});

const RULES: Array<[string, () => Promise<unknown>, string]> = [
  ['captions without a token', () => c.startCaptions(S, ''), 'token must be a non-empty string'],
  ['captions session', () => c.startCaptions('', 'tok'), 'sessionId must be a non-empty string.'],
  [
    'captions language',
    () => c.startCaptions(S, 'tok', { languageCode: 'english' }),
    'languageCode must be a language tag such as en-US.',
  ],
  [
    'captions maxDuration low',
    () => c.startCaptions(S, 'tok', { maxDuration: 299 }),
    'maxDuration must be a whole number from 300 to 14400.',
  ],
  [
    'captions maxDuration high',
    () => c.startCaptions(S, 'tok', { maxDuration: 14_401 }),
    'maxDuration must be a whole number from 300 to 14400.',
  ],
  [
    'captions partialCaptions as text',
    () => c.startCaptions(S, 'tok', { partialCaptions: bad('true') }),
    'partialCaptions must be true or false.',
  ],
  [
    'captions status URL too short',
    () => c.startCaptions(S, 'tok', { statusCallbackUrl: 'https://a.b' }),
    'statusCallbackUrl must be an http or https URL of 15 to 2048 characters.',
  ],
  [
    'captions status URL scheme',
    () => c.startCaptions(S, 'tok', { statusCallbackUrl: 'ftp://example.com/captions' }),
    'statusCallbackUrl must be an http or https URL',
  ],
  ['stopCaptions without an ID', () => c.stopCaptions(''), 'captionsId must be a non-empty string.'],
  ['caption status without an ID', () => c.getCaptionStatus(''), 'captionsId must be a non-empty string.'],
  [
    'transcription of a composed archive',
    () => c.startArchive(S, { hasTranscription: true }),
    'hasTranscription needs outputMode individual',
  ],
  [
    'transcription without audio',
    () => c.startArchive(S, { outputMode: 'individual', hasTranscription: true, hasAudio: false }),
    'hasTranscription needs hasAudio',
  ],
  [
    'transcription properties alone',
    () => c.startArchive(S, { outputMode: 'individual', transcriptionProperties: { hasSummary: true } }),
    'transcriptionProperties needs hasTranscription set to true.',
  ],
  [
    'transcription language',
    () =>
      c.startArchive(S, {
        outputMode: 'individual',
        hasTranscription: true,
        transcriptionProperties: { primaryLanguageCode: 'French' },
      }),
    'primaryLanguageCode must be a language tag such as en-US.',
  ],
  [
    'transcription summary flag',
    () =>
      c.startArchive(S, {
        outputMode: 'individual',
        hasTranscription: true,
        transcriptionProperties: { hasSummary: bad('yes') },
      }),
    'transcriptionProperties.hasSummary must be true or false.',
  ],
  [
    'maxBitrate on an individual archive',
    () => c.startArchive(S, { outputMode: 'individual', maxBitrate: 500_000 }),
    'apply only to composed archives.',
  ],
  [
    'broadcast update without a resolution',
    () => c.updateBroadcast('B', bad({})),
    'updateBroadcast needs an object with the new resolution.',
  ],
  [
    'broadcast update resolution',
    () => c.updateBroadcast('B', { resolution: bad('800x600') }),
    'resolution must be one of',
  ],
  ['broadcast update ID', () => c.updateBroadcast('', { resolution: '640x480' }), 'broadcastId must be'],
  ['callback group', () => c.registerCallback(cb('chat', 'status')), 'group must be one of session,'],
  [
    'callback event of the group',
    () => c.registerCallback(cb('connection', 'status')),
    'event must be one of created, destroyed for the connection group.',
  ],
  [
    'callback URL',
    () => c.registerCallback(cb('archive', 'status', 'mailto:x@example.com')),
    'url must be a https or http URL',
  ],
  ['unregister without an ID', () => c.unregisterCallback(''), 'callbackId must be a non-empty string.'],
  [
    'archive maxBitrate low',
    () => c.startArchive(S, { maxBitrate: 99_999 }),
    'maxBitrate must be a whole number from 100000 to 6000000.',
  ],
  [
    'archive maxBitrate high',
    () => c.startArchive(S, { maxBitrate: 6_000_001 }),
    'maxBitrate must be a whole number from 100000 to 6000000.',
  ],
  [
    'archive maxBitrate fractional',
    () => c.startArchive(S, { maxBitrate: 150_000.5 }),
    'maxBitrate must be a whole number from 100000 to 6000000.',
  ],
  [
    'quantizationParameter low',
    () => c.startArchive(S, { quantizationParameter: 14 }),
    'quantizationParameter must be a whole number from 15 to 40.',
  ],
  [
    'multiArchiveTag type',
    () => c.startArchive(S, { multiArchiveTag: bad(5) }),
    'multiArchiveTag must be a string.',
  ],
  [
    'multiArchiveTag length',
    () => c.startArchive(S, { multiArchiveTag: 'x'.repeat(81) }),
    'multiArchiveTag must be at most 80 characters.',
  ],
  [
    'broadcast maxBitrate low',
    () => c.startBroadcast(S, { outputs: { hls: {} }, maxBitrate: 1000 }),
    'maxBitrate must be a whole number from 100000 to 6000000.',
  ],
  [
    'broadcast maxBitrate high',
    () => c.startBroadcast(S, { outputs: { hls: {} }, maxBitrate: 7_000_000 }),
    'maxBitrate must be a whole number from 100000 to 6000000.',
  ],
  [
    'multiBroadcastTag type',
    () => c.startBroadcast(S, { outputs: { hls: {} }, multiBroadcastTag: bad(true) }),
    'multiBroadcastTag must be a string.',
  ],
  [
    'multiBroadcastTag length',
    () => c.startBroadcast(S, { outputs: { hls: {} }, multiBroadcastTag: 'y'.repeat(81) }),
    'multiBroadcastTag must be at most 80 characters.',
  ],
  [
    'e2ee as text',
    () => c.createSession({ mediaMode: 'routed', e2ee: bad('true') }),
    'e2ee must be true or false.',
  ],
  [
    'e2ee on a relayed session',
    () => c.createSession({ mediaMode: 'relayed', e2ee: true }),
    'e2ee requires mediaMode routed.',
  ],
  [
    'SIP video as text',
    () => c.dial(S, 'tok', 'sip:a@example.com', { video: bad('yes') }),
    'video must be true or false.',
  ],
  [
    'SIP observeForceMute as a number',
    () => c.dial(S, 'tok', 'sip:a@example.com', { observeForceMute: bad(1) }),
    'observeForceMute must be true or false.',
  ],
  [
    'SIP streams not an array',
    () => c.dial(S, 'tok', 'sip:a@example.com', { streams: bad('s1') }),
    'streams must be an array of non-empty strings.',
  ],
  [
    'SIP streams with an empty ID',
    () => c.dial(S, 'tok', 'sip:a@example.com', { streams: ['s1', ''] }),
    'streams must be an array of non-empty strings.',
  ],
  [
    'audio connector bidirectional as text',
    () => c.websocketConnect(S, 'tok', 'wss://example.com/ws', { bidirectional: bad('true') }),
    'bidirectional must be true or false.',
  ],
  [
    'audio connector audioRate',
    () => c.websocketConnect(S, 'tok', 'wss://example.com/ws', { audioRate: bad(24_000) }),
    'audioRate must be one of 8000, 16000.',
  ],
  [
    'audio connector streams',
    () => c.websocketConnect(S, 'tok', 'wss://example.com/ws', { streams: bad([5]) }),
    'streams must be an array of non-empty strings.',
  ],
];

describe('VideoClient validation of the newer API surface', () => {
  it.each(RULES)('refuses %s with one sentence', async (_name, call, fragment) => {
    const e = await videoError(call);
    expect(e.code).toBe('invalid');
    expect(e.userMessage).toContain(fragment);
    expect(e.userMessage).toMatch(/\.$/);
    expect(e.status).toBeUndefined();
  });

  it('sent no request for any refused call', () => {
    expect(rec.requests).toHaveLength(0);
  });
});
