// Wire expectations for the newer Video API surface: live captions, post-call transcription,
// broadcast update and the project callback registry.
import { SESSION as S } from './helpers/fixtures.js';
import type { WireCase } from './wire-cases.js';

export const NEWER_WIRE_CASES: WireCase[] = [
  {
    name: 'startCaptions full',
    call: (c) =>
      c.startCaptions(S, 'tok', {
        languageCode: 'ja-JP',
        maxDuration: 1800,
        partialCaptions: false,
        statusCallbackUrl: 'https://example.com/captions',
      }),
    method: 'POST',
    path: '/captions',
    json: {
      sessionId: S,
      token: 'tok',
      languageCode: 'ja-JP',
      maxDuration: 1800,
      partialCaptions: false,
      statusCallbackUrl: 'https://example.com/captions',
    },
  },
  {
    name: 'startCaptions minimal',
    call: (c) => c.startCaptions(S, 'tok'),
    method: 'POST',
    path: '/captions',
    json: { sessionId: S, token: 'tok' },
  },
  {
    name: 'stopCaptions',
    call: (c) => c.stopCaptions('CAP/1'),
    method: 'POST',
    path: '/captions/CAP%2F1/stop',
  },
  {
    name: 'getCaptionStatus',
    call: (c) => c.getCaptionStatus('CAP1'),
    method: 'GET',
    path: '/captions/CAP1',
  },
  {
    name: 'updateBroadcast',
    call: (c) => c.updateBroadcast('BC1', { resolution: '1920x1080' }),
    method: 'PATCH',
    path: '/broadcast/BC1',
    json: { resolution: '1920x1080' },
  },
  {
    name: 'startArchive with transcription',
    call: (c) =>
      c.startArchive(S, {
        outputMode: 'individual',
        hasTranscription: true,
        transcriptionProperties: { primaryLanguageCode: 'fr-FR', hasSummary: true },
      }),
    method: 'POST',
    path: '/archive',
    json: {
      sessionId: S,
      outputMode: 'individual',
      hasTranscription: true,
      transcriptionProperties: { primaryLanguageCode: 'fr-FR', hasSummary: true },
    },
  },
  {
    name: 'startArchive maxBitrate',
    call: (c) => c.startArchive(S, { quantizationParameter: 25, multiArchiveTag: 'hd' }),
    method: 'POST',
    path: '/archive',
    json: { sessionId: S, quantizationParameter: 25, multiArchiveTag: 'hd' },
  },
  {
    name: 'registerCallback',
    call: (c) => c.registerCallback({ group: 'captions', event: 'status', url: 'https://example.com/cb' }),
    method: 'POST',
    path: '/callback',
    json: { group: 'captions', event: 'status', url: 'https://example.com/cb' },
  },
  {
    name: 'unregisterCallback',
    call: (c) => c.unregisterCallback('CB1'),
    method: 'DELETE',
    path: '/callback/CB1',
  },
  { name: 'listCallbacks', call: (c) => c.listCallbacks(), method: 'GET', path: '/callback' },
];
