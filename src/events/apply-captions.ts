import type { MeetingRecord, StoreWrite } from '../store/types.js';
import { captionSeq } from './order.js';
import type { CaptionEvent } from './schemas.js';

// Caption status callbacks -> the meeting's caption run. The card says "Captions on" only once the
// Video API reported the run started, and the recap counts the runs and their time.

/** The store write of a caption status (the seq guard keeps a run's states moving forward). */
export function captionWrites(meeting: MeetingRecord, c: CaptionEvent): StoreWrite[] {
  const time = c.updatedAt ?? c.createdAt;
  const over = c.status === 'stopped' || c.status === 'failed';
  return [
    {
      kind: 'captionRun',
      record: {
        id: c.captionId,
        meetingId: meeting.id,
        status: c.status,
        language: c.languageCode,
        startedBy: null,
        createdAt: c.createdAt,
        stoppedAt: over ? time : null,
        seq: captionSeq(c.status, time),
      },
    },
  ];
}
