import type { View } from '../chat.js';
import type { RecordingRecord } from '../store/types.js';
import { formatBytes, formatDuration, plain } from './format.js';

/** The "recording available" follow-up: name, duration, size and a button for a fresh download link. */
export function recordingAvailableView(
  meetingId: string,
  r: Pick<RecordingRecord, 'id' | 'name' | 'duration' | 'size'>,
): View {
  return {
    visibility: 'channel',
    title: 'Recording available',
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: 'Name', value: r.name ? plain(r.name, 100) : 'Untitled recording' },
          { label: 'Duration', value: formatDuration(r.duration * 1000) },
          { label: 'Size', value: formatBytes(r.size) },
        ],
      },
      {
        type: 'buttons',
        buttons: [
          {
            action: 'recording.link',
            label: 'Get download link',
            key: meetingId,
            value: r.id,
            style: 'primary',
          },
        ],
      },
      { type: 'context', text: 'Links are fetched fresh on each click and expire after a few minutes.' },
    ],
  };
}
