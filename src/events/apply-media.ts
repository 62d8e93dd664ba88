import { recordingAvailableView } from '../cards/followup.js';
import { safeServerUrl } from '../cards/format.js';
import type { CardService } from '../cards/types.js';
import type { Logger } from '../log.js';
import type { MeetingRecord, Store } from '../store/types.js';
import { archiveSeq, broadcastSeq, renderSeq } from './order.js';
import type { ArchiveEvent, BroadcastEvent, RenderEvent } from './schemas.js';

// Archive, broadcast and render status -> store. Used by callbacks and by reconciliation (REST
// objects have the same shape), so a repaired state goes through exactly the same guards.

/** Applies an archive status; posts the one "recording available" follow-up. True when the store changed. */
export async function applyArchive(
  deps: { store: Store; cards: CardService; log: Logger; now: () => number },
  meeting: MeetingRecord,
  a: ArchiveEvent,
): Promise<boolean> {
  const { store } = deps;
  const time = a.updatedAt ?? a.createdAt;
  const existing = await store.getRecording(a.id);
  const applied = await store.upsertRecording({
    id: a.id,
    meetingId: meeting.id,
    name: a.name ?? existing?.name ?? null,
    status: a.status,
    outputMode: a.outputMode ?? existing?.outputMode ?? 'composed',
    createdAt: a.createdAt,
    duration: a.duration,
    size: a.size,
    startedBy: existing?.startedBy ?? null,
    announcedAt: existing?.announcedAt ?? null,
    seq: archiveSeq(a.status, time),
  });
  if (a.status === 'available') await announce(deps, meeting);
  return applied;
}

async function announce(
  deps: { store: Store; cards: CardService; log: Logger; now: () => number },
  meeting: MeetingRecord,
): Promise<void> {
  // Re-read: announce only what the store holds as available (a later "expired" wins).
  for (const r of await deps.store.listRecordings(meeting.id)) {
    if (r.status !== 'available' || r.announcedAt !== null) continue;
    if (!(await deps.store.claimRecordingAnnouncement(r.id, deps.now()))) continue;
    try {
      await deps.cards.followUp(meeting.id, recordingAvailableView(meeting.id, r));
    } catch (err) {
      deps.log.warn('could not post the recording-available message', {
        meetingId: meeting.id,
        recordingId: r.id,
        err,
      });
    }
  }
}

/** Applies a broadcast status (stream keys are never stored). True when the store changed. */
export async function applyBroadcast(
  store: Store,
  meeting: MeetingRecord,
  b: BroadcastEvent,
): Promise<boolean> {
  const existing = await store.getBroadcast(b.id);
  // Server URLs may embed credentials or a key in the path/query: store only scheme, host and app.
  const rtmp = b.broadcastUrls?.rtmp?.map((r, i) => ({
    id: r.id ?? existing?.rtmp[i]?.id ?? String(i),
    serverUrl: safeServerUrl(r.serverUrl),
    status: r.status ?? null,
  }));
  return store.upsertBroadcast({
    id: b.id,
    meetingId: meeting.id,
    status: b.status,
    hlsUrl: b.broadcastUrls?.hls ?? existing?.hlsUrl ?? null,
    rtmp: rtmp ?? existing?.rtmp ?? [],
    createdAt: b.createdAt,
    startedBy: existing?.startedBy ?? null,
    seq: broadcastSeq(b.status, b.updatedAt ?? b.createdAt),
  });
}

/** Applies an Experience Composer status. True when the store changed. */
export async function applyRender(
  store: Store,
  meeting: MeetingRecord,
  r: RenderEvent,
  now: number,
): Promise<boolean> {
  const existing = (await store.listRenders(meeting.id)).find((x) => x.id === r.id);
  const time = r.updatedAt ?? r.createdAt ?? now;
  return store.upsertRender({
    id: r.id,
    meetingId: meeting.id,
    status: r.status,
    url: r.url ?? existing?.url ?? '',
    streamId: r.streamId ?? existing?.streamId ?? null,
    createdAt: r.createdAt ?? existing?.createdAt ?? time,
    seq: renderSeq(r.status, time),
  });
}
