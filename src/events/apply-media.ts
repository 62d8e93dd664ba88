import { recordingAvailableView } from '../cards/followup.js';
import { safeServerUrl } from '../cards/format.js';
import type { CardService } from '../cards/types.js';
import type { Logger } from '../log.js';
import type { MeetingRecord, Store, StoreWrite } from '../store/types.js';
import { archiveSeq, broadcastSeq, renderSeq, transcriptSeq } from './order.js';
import type { ArchiveEvent, BroadcastEvent, RenderEvent } from './schemas.js';

// Archive, broadcast and render status -> store writes. Used by callbacks and by reconciliation
// (REST objects have the same shape), so a repaired state goes through exactly the same guards.

/** What posting the "recording available" follow-up needs. */
export interface AnnounceDeps {
  store: Store;
  cards: CardService;
  log: Logger;
  now: () => number;
}

/** The store write of an archive status (the seq guard keeps states moving forward). */
export async function archiveWrites(
  store: Store,
  meeting: MeetingRecord,
  a: ArchiveEvent,
): Promise<StoreWrite[]> {
  const existing = await store.getRecording(a.id);
  const t = a.transcription;
  const time = a.updatedAt ?? a.createdAt;
  const transcript: StoreWrite[] = t?.status
    ? [
        {
          kind: 'transcript',
          record: {
            recordingId: a.id,
            meetingId: meeting.id,
            status: t.status,
            language: t.primaryLanguageCode ?? 'en-US',
            hasSummary: t.hasSummary ?? false,
            summary: null,
            createdAt: a.createdAt,
            seq: transcriptSeq(t.status, time),
          },
        },
      ]
    : [];
  return [
    ...transcript,
    {
      kind: 'recording',
      record: {
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
        seq: archiveSeq(a.status, a.updatedAt ?? a.createdAt),
      },
    },
  ];
}

/** Applies an archive status and posts the one "recording available" follow-up; true when the store changed. */
export async function applyArchive(
  deps: AnnounceDeps,
  meeting: MeetingRecord,
  a: ArchiveEvent,
): Promise<boolean> {
  const [applied] = await deps.store.commit(await archiveWrites(deps.store, meeting, a));
  if (a.status === 'available') await announceRecordings(deps, meeting);
  return applied === true;
}

/** Posts "recording available" once per recording the store holds as available (after the status is stored). */
export async function announceRecordings(deps: AnnounceDeps, meeting: MeetingRecord): Promise<void> {
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

/** The store write of a broadcast status (stream keys are never stored). */
export async function broadcastWrites(
  store: Store,
  meeting: MeetingRecord,
  b: BroadcastEvent,
): Promise<StoreWrite[]> {
  const existing = await store.getBroadcast(b.id);
  // Server URLs may embed credentials or a key in the path/query: store only scheme, host and app.
  const rtmp = b.broadcastUrls?.rtmp?.map((r, i) => ({
    id: r.id ?? existing?.rtmp[i]?.id ?? String(i),
    serverUrl: safeServerUrl(r.serverUrl),
    status: r.status ?? null,
  }));
  return [
    {
      kind: 'broadcast',
      record: {
        id: b.id,
        meetingId: meeting.id,
        status: b.status,
        hlsUrl: b.broadcastUrls?.hls ?? existing?.hlsUrl ?? null,
        rtmp: rtmp ?? existing?.rtmp ?? [],
        createdAt: b.createdAt,
        startedBy: existing?.startedBy ?? null,
        seq: broadcastSeq(b.status, b.updatedAt ?? b.createdAt),
      },
    },
  ];
}

/** Applies a broadcast status. True when the store changed. */
export async function applyBroadcast(
  store: Store,
  meeting: MeetingRecord,
  b: BroadcastEvent,
): Promise<boolean> {
  const [applied] = await store.commit(await broadcastWrites(store, meeting, b));
  return applied === true;
}

/** The store write of an Experience Composer status. */
export async function renderWrites(
  store: Store,
  meeting: MeetingRecord,
  r: RenderEvent,
  now: number,
): Promise<StoreWrite[]> {
  const existing = (await store.listRenders(meeting.id)).find((x) => x.id === r.id);
  const time = r.updatedAt ?? r.createdAt ?? now;
  return [
    {
      kind: 'render',
      record: {
        id: r.id,
        meetingId: meeting.id,
        status: r.status,
        url: r.url ?? existing?.url ?? '',
        streamId: r.streamId ?? existing?.streamId ?? null,
        createdAt: r.createdAt ?? existing?.createdAt ?? time,
        seq: renderSeq(r.status, time),
      },
    },
  ];
}
