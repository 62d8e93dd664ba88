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
