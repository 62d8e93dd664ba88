import type { BroadcastRecord, MeetingRecord } from '../src/store/types.js';
import type { Broadcast } from '../src/video/types.js';
import type { CommandContext } from './types.js';
import { redactUri } from './views.js';

/** Stores a broadcast without its RTMP stream keys; `seq` is the API's timestamp like callbacks use. */
export async function saveBroadcast(
  ctx: CommandContext,
  meeting: MeetingRecord,
  b: Broadcast,
  startedBy: string | null,
): Promise<void> {
  const prior = await ctx.store.getBroadcast(b.id);
  const record: BroadcastRecord = {
    id: b.id,
    meetingId: meeting.id,
    status: b.status,
    hlsUrl: b.broadcastUrls?.hls ?? null,
    rtmp: (b.broadcastUrls?.rtmp ?? []).map((r) => ({
      id: r.id ?? '',
      serverUrl: redactUri(r.serverUrl),
      status: r.status ?? null,
    })),
    createdAt: b.createdAt,
    startedBy: prior?.startedBy ?? startedBy,
    seq: b.updatedAt ?? b.createdAt,
  };
  ctx.writes.push({ kind: 'broadcast', record });
}

/** The meeting's running broadcasts according to the store. */
export async function startedBroadcasts(
  ctx: CommandContext,
  meeting: MeetingRecord,
): Promise<BroadcastRecord[]> {
  return (await ctx.store.listBroadcasts(meeting.id)).filter((b) => b.status === 'started');
}
