import type { MeetingRecord, Store, StoreWrite } from '../store/types.js';
import type { VideoApi } from '../video/api.js';
import type { CallOptions } from '../video/types.js';
import { isVideoError } from '../video/errors.js';
import { captionWrites } from './apply-captions.js';
import { archiveWrites, broadcastWrites, renderWrites } from './apply-media.js';
import { archiveSeq, broadcastSeq, captionSeq, renderSeq } from './order.js';

// Archives, broadcasts, renders and live-caption runs read back from the Video API (each kind it can list or get),
// planned as the same seq-guarded writes as their callbacks: a status the store already holds, or
// a newer one, is left alone. A resource the API no longer knows has ended.

/** The Video API calls media reconciliation makes. */
export type MediaApi = Pick<
  VideoApi,
  | 'listArchives'
  | 'getArchive'
  | 'listBroadcasts'
  | 'getBroadcast'
  | 'listRenders'
  | 'getRender'
  | 'getCaptionStatus'
>;

/** What media reconciliation needs. */
export interface MediaDeps {
  store: Store;
  video: MediaApi;
  now: () => number;
  call: CallOptions;
}

const RUNNING_ARCHIVE = new Set(['started', 'paused']);
const RUNNING_RENDER = new Set(['starting', 'started']);

/** The writes that bring the meeting's recordings, live streams and composers to the API's statuses. */
export async function mediaRepairs(deps: MediaDeps, meeting: MeetingRecord): Promise<StoreWrite[]> {
  const { store, video, call } = deps;
  const sessionId = meeting.sessionId;
  // Renders cannot be listed by session: the project's newest are read and filtered.
  const [archives, broadcasts, renders] = await Promise.all([
    video.listArchives({ sessionId, count: 50 }, call),
    video.listBroadcasts({ sessionId, count: 50 }, call),
    video.listRenders({ count: 50 }, call),
  ]);
  const writes: StoreWrite[] = [];

  const listedArchives = new Set<string>();
  for (const a of archives.items) {
    if (a.sessionId !== sessionId) continue;
    listedArchives.add(a.id);
    const known = await store.getRecording(a.id);
    if (known && known.seq >= archiveSeq(a.status, a.updatedAt ?? a.createdAt)) continue;
    writes.push(...(await archiveWrites(store, meeting, a)));
  }
  for (const r of await store.listRecordings(meeting.id)) {
    if (!RUNNING_ARCHIVE.has(r.status) || listedArchives.has(r.id)) continue;
    const now = deps.now();
    const found = await getOrGone(() => video.getArchive(r.id, call));
    const a = found ?? { id: r.id, sessionId, status: 'failed', createdAt: r.createdAt, updatedAt: now };
    writes.push(...(await archiveWrites(store, meeting, { duration: 0, size: 0, ...a })));
  }

  const listedBroadcasts = new Set<string>();
  for (const b of broadcasts.items) {
    if (b.sessionId !== sessionId) continue;
    listedBroadcasts.add(b.id);
    const known = await store.getBroadcast(b.id);
    if (known && known.seq >= broadcastSeq(b.status, b.updatedAt ?? b.createdAt)) continue;
    writes.push(...(await broadcastWrites(store, meeting, b)));
  }
  for (const b of await store.listBroadcasts(meeting.id)) {
    if (b.status !== 'started' || listedBroadcasts.has(b.id)) continue;
    const now = deps.now();
    const found = await getOrGone(() => video.getBroadcast(b.id, call));
    const latest = found ?? {
      id: b.id,
      sessionId,
      status: 'stopped',
      createdAt: b.createdAt,
      updatedAt: now,
    };
    writes.push(...(await broadcastWrites(store, meeting, latest)));
  }

  const storedRenders = await store.listRenders(meeting.id);
  const knownRenders = new Set(storedRenders.map((r) => r.id));
  for (const r of renders.items) {
    if (r.sessionId !== sessionId || knownRenders.has(r.id)) continue;
    const now = deps.now();
    writes.push(...(await renderWrites(store, meeting, { ...r, streamId: r.streamId ?? null }, now)));
  }
  for (const r of storedRenders) {
    if (!RUNNING_RENDER.has(r.status)) continue;
    const now = deps.now();
    const found = await getOrGone(() => video.getRender(r.id, call));
    const latest = found ?? { id: r.id, sessionId, status: 'stopped', updatedAt: now };
    if (r.seq >= renderSeq(latest.status, latest.updatedAt ?? latest.createdAt ?? now)) continue;
    writes.push(
      ...(await renderWrites(store, meeting, { ...latest, streamId: latest.streamId ?? null }, now)),
    );
  }

  // Caption runs cannot be listed: each one the store holds as asked for or running is read back,
  // so a lost "started" or "stopped" callback does not leave the card wrong.
  for (const c of await store.listCaptionRuns(meeting.id)) {
    if (c.status !== 'started' && c.status !== 'requested') continue;
    const now = deps.now();
    const found = await getOrGone(() => video.getCaptionStatus(c.id, call));
    const latest = {
      captionId: c.id,
      sessionId,
      status: found?.status ?? 'stopped',
      languageCode: found?.languageCode ?? c.language,
      createdAt: found?.createdAt ?? c.createdAt,
      updatedAt: found?.updatedAt ?? now,
      ...(found ? {} : { reason: 'not found' }),
    };
    if (c.seq >= captionSeq(latest.status, latest.updatedAt)) continue;
    writes.push(...captionWrites(meeting, latest));
  }
  return writes;
}

/** The resource, or null when the API answers that it does not exist. */
async function getOrGone<T>(get: () => Promise<T>): Promise<T | null> {
  try {
    return await get();
  } catch (err) {
    if (isVideoError(err, 'not_found')) return null;
    throw err;
  }
}
