// Contract: caption runs, transcriptions, the recap outbox and recap cards (issue 15).

import { describe, expect, it } from 'vitest';
import type { CaptionRunRecord, TranscriptRecord } from '../../src/store/types.js';
import type { Harness } from './harness.js';
import { T0, card, meeting } from './fixtures.js';

const run = (over: Partial<CaptionRunRecord> = {}): CaptionRunRecord => ({
  id: 'cap1',
  meetingId: 'm1',
  status: 'requested',
  language: 'en-US',
  startedBy: 'U1',
  createdAt: T0 + 10,
  stoppedAt: null,
  seq: 1,
  ...over,
});
const transcript = (over: Partial<TranscriptRecord> = {}): TranscriptRecord => ({
  recordingId: 'rec1',
  meetingId: 'm1',
  status: 'requested',
  language: 'en-US',
  hasSummary: true,
  summary: null,
  createdAt: T0,
  seq: 1,
  ...over,
});

export function recapContract(h: Harness): void {
  describe('recap: captions, transcripts, recap outbox', () => {
    it('keeps caption runs moving forward, the first start time and who started them', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      // The callback may land before the command's own write: the command's older seq loses,
      // but who started the run is still learnt from it.
      expect(
        await s.commit([
          {
            kind: 'captionRun',
            record: run({ status: 'started', startedBy: null, createdAt: T0 + 5, seq: 5 }),
          },
        ]),
      ).toEqual([true]);
      expect(await s.commit([{ kind: 'captionRun', record: run() }])).toEqual([false]);
      expect(await s.listCaptionRuns('m1')).toEqual([
        run({ status: 'started', startedBy: null, createdAt: T0 + 5, seq: 5 }),
      ]);
      await s.commit([
        {
          kind: 'captionRun',
          record: run({ status: 'stopped', startedBy: null, createdAt: T0 + 7, stoppedAt: T0 + 9, seq: 9 }),
        },
      ]);
      expect(await s.listCaptionRuns('m1')).toEqual([
        run({ status: 'stopped', startedBy: null, createdAt: T0 + 5, stoppedAt: T0 + 9, seq: 9 }),
      ]);
      expect(await s.listCaptionRuns('other')).toEqual([]);
    });

    it('keeps a fetched summary when later transcription states arrive', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.commit([{ kind: 'transcript', record: transcript() }]);
      expect(
        await s.commit([{ kind: 'transcriptSummary', recordingId: 'rec1', summary: 'We decided.' }]),
      ).toEqual([true]);
      expect(await s.commit([{ kind: 'transcriptSummary', recordingId: 'nope', summary: 'x' }])).toEqual([
        false,
      ]);
      await s.commit([{ kind: 'transcript', record: transcript({ status: 'available', seq: 3 }) }]);
      await s.commit([{ kind: 'transcript', record: transcript({ status: 'started', seq: 2 }) }]);
      const t = transcript({ status: 'available', summary: 'We decided.', seq: 3 });
      expect(await s.getTranscript('rec1')).toEqual(t);
      expect(await s.listTranscripts('m1')).toEqual([t]);
      expect(await s.getTranscript('nope')).toBeNull();
    });

    it('queues a recap once, claims each attempt once, and takes it out when posted', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      expect(await s.commit([{ kind: 'queueRecap', meetingId: 'm1', at: T0 }])).toEqual([true]);
      expect(await s.commit([{ kind: 'queueRecap', meetingId: 'm1', at: T0 + 1 }])).toEqual([false]);
      expect(await s.listDueRecapPosts(T0 - 1, 10)).toEqual([]);
      expect((await s.listDueRecapPosts(T0, 10)).map((p) => p.meetingId)).toEqual(['m1']);
      expect(await s.claimRecapPost('m1', T0, T0 + 100)).toBe(true);
      expect(await s.claimRecapPost('m1', T0 + 1, T0 + 200)).toBe(false);
      await s.deferRecapPost('m1', T0 + 500, 'no card yet');
      expect(await s.listDueRecapPosts(T0 + 499, 10)).toEqual([]);
      expect(await s.listDueRecapPosts(T0 + 500, 10)).toEqual([
        { meetingId: 'm1', createdAt: T0, notBefore: T0 + 500, attempts: 1, lastError: 'no card yet' },
      ]);
      await s.commit([
        { kind: 'addCard', card: card({ messageId: 'reply1', kind: 'recap' }) },
        { kind: 'recapPostDone', meetingId: 'm1' },
      ]);
      expect(await s.listDueRecapPosts(T0 + 10_000, 10)).toEqual([]);
      expect(await s.listCards('m1')).toEqual([card({ messageId: 'reply1', kind: 'recap' })]);
    });

    it('lists a recap card as dirty like any card when its meeting changes', async () => {
      const s = h.store();
      await s.createMeeting(meeting());
      await s.addCard(card());
      await s.addCard(card({ messageId: 'reply1', kind: 'recap' }));
      await s.commit([
        { kind: 'transcript', record: transcript() },
        { kind: 'touchMeeting', id: 'm1', ifChanged: true },
      ]);
      const dirty = await s.listDirtyCards(T0 + 10_000, 10);
      expect(dirty.map((c) => [c.messageId, c.kind])).toEqual([
        [card().messageId, undefined],
        ['reply1', 'recap'],
      ]);
    });
  });
}
