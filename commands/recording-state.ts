import type { Archive } from '../src/video/types.js';
import type { MeetingRecord, RecordingRecord } from '../src/store/types.js';
import type { CommandContext } from './types.js';

/** Recording states in which a recording is still running. */
export const RUNNING = new Set(['started', 'paused']);

/**
 * Stores what the API said about an archive. `seq` is the API's own timestamp, so a callback for a
 * later state (available) always wins over what a command learnt earlier.
 */
export async function saveArchive(
  ctx: CommandContext,
  meeting: MeetingRecord,
  a: Archive,
  startedBy: string | null,
): Promise<void> {
  const prior = await ctx.store.getRecording(a.id);
  const record: RecordingRecord = {
    id: a.id,
    meetingId: meeting.id,
    name: a.name ?? null,
    status: a.status,
    outputMode: a.outputMode ?? 'composed',
    createdAt: a.createdAt,
    duration: a.duration,
    size: a.size,
    startedBy: prior?.startedBy ?? startedBy,
    announcedAt: prior?.announcedAt ?? null,
    seq: a.updatedAt ?? a.createdAt,
  };
  ctx.writes.push({ kind: 'recording', record });
}

/** The meeting's running recordings according to the store. */
export async function runningRecordings(
  ctx: CommandContext,
  meeting: MeetingRecord,
): Promise<RecordingRecord[]> {
  return (await ctx.store.listRecordings(meeting.id)).filter((r) => RUNNING.has(r.status));
}
