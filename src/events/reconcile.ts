import { randomBytes } from 'node:crypto';
import type { CardService } from '../cards/types.js';
import type { Logger } from '../log.js';
import { reconcileRepairsTotal } from '../metrics.js';
import { cleanName } from '../text/clean.js';
import type { MeetingRecord, Store } from '../store/types.js';
import type { VideoApi } from '../video/api.js';
import { isVideoError } from '../video/errors.js';
import { applyArchive, applyBroadcast } from './apply-media.js';
import type { CallbackIngestor } from './ingest.js';
import { archiveSeq, broadcastSeq } from './order.js';

// Lost callbacks are normal (retries give up, outages last hours), so every active meeting is
// periodically compared with the Video API: streams, archives and broadcasts. Repairs go through
// the same seq-guarded writes as callbacks, inside the meeting's callback queue, under the lease
// 'reconcile' so only one replica polls.

/** Dependencies of the {@link Reconciler}. */
export interface ReconcileDeps {
  store: Store;
  video: Pick<VideoApi, 'listStreams' | 'listArchives' | 'getBroadcast' | 'listBroadcasts'>;
  cards: CardService;
  ingestor: CallbackIngestor;
  log: Logger;
  now?: () => number;
  intervalMs?: number;
  holder?: string;
}

/** Periodically repairs meeting state from the Video API. */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private readonly holder: string;
  private readonly now: () => number;

  constructor(private readonly deps: ReconcileDeps) {
    this.holder = deps.holder ?? `reconcile:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(
      () =>
        void this.runOnce().catch((err: unknown) => this.deps.log.error('reconciliation failed', { err })),
      this.deps.intervalMs ?? 60_000,
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
    await this.deps.store.releaseLease('reconcile', this.holder).catch(() => undefined);
  }

  /** One pass over every active meeting; resolves with the number of repairs. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    const { store, log } = this.deps;
    const ttl = Math.max(2 * (this.deps.intervalMs ?? 60_000), 30_000);
    if (!(await store.acquireLease('reconcile', this.holder, ttl, this.now()))) return 0;
    // Expired dedupe and idempotency keys go here: one replica, once per interval.
    await store
      .purgeExpiredKeys(this.now())
      .catch((err: unknown) => log.warn('could not purge expired keys', { err }));
    let repairs = 0;
    for (const meeting of await store.listActiveMeetings()) {
      try {
        repairs += await this.meeting(meeting);
      } catch (err) {
        log.warn('could not reconcile a meeting', { meetingId: meeting.id, err });
      }
    }
    return repairs;
  }

  private async meeting(meeting: MeetingRecord): Promise<number> {
    const { video } = this.deps;
    const [streams, archives, broadcasts] = await Promise.all([
      video.listStreams(meeting.sessionId),
      video.listArchives({ sessionId: meeting.sessionId, count: 50 }),
      video.listBroadcasts({ sessionId: meeting.sessionId, count: 50 }),
    ]);
    let repairs = 0;
    const done = new Promise<void>((resolve) => {
      this.deps.ingestor.enqueue(meeting.id, async () => {
        repairs += await this.streams(meeting, streams);
        repairs += await this.media(meeting, archives.items, broadcasts.items);
        resolve();
        return repairs > 0;
      });
    });
    await done;
    return repairs;
  }

  private async streams(
    meeting: MeetingRecord,
    live: Array<{ id: string; videoType?: 'camera' | 'screen' | 'custom' | null; name?: string | null }>,
  ): Promise<number> {
    const { store } = this.deps;
    const now = this.now();
    const known = await store.listStreams(meeting.id, { includeGone: true });
    const liveIds = new Set(live.map((s) => s.id));
    let repairs = 0;
    for (const s of known) {
      if (s.destroyedAt !== null || liveIds.has(s.streamId)) continue;
      // Gone from the API but live in the store: its streamDestroyed was lost.
      if (await store.upsertStream({ ...s, destroyedAt: now, reason: 'reconciled', seq: now })) repairs++;
    }
    const knownIds = new Set(known.map((s) => s.streamId));
    for (const s of live) {
      if (knownIds.has(s.id)) continue;
      // Never seen (streamCreated lost). seq 1 lets the real callback, if it ever comes, fill in the connection.
      const applied = await store.upsertStream({
        meetingId: meeting.id,
        streamId: s.id,
        connectionId: '',
        videoType: s.videoType ?? null,
        name: cleanName(s.name ?? ''),
        muted: meeting.muteAll,
        createdAt: now,
        destroyedAt: null,
        reason: null,
        seq: 1,
      });
      if (applied) repairs++;
    }
    if (repairs) reconcileRepairsTotal.inc({ kind: 'stream' }, repairs);
    return repairs;
  }

  private async media(
    meeting: MeetingRecord,
    archives: Array<Parameters<typeof applyArchive>[2]>,
    broadcasts: Array<Parameters<typeof applyBroadcast>[2]>,
  ): Promise<number> {
    const { store } = this.deps;
    let repairs = 0;
    for (const a of archives) {
      if (a.sessionId !== meeting.sessionId) continue;
      // Only what the store does not already hold counts (an equal seq would rewrite the same state).
      const known = await store.getRecording(a.id);
      if (known && known.seq >= archiveSeq(a.status, a.updatedAt ?? a.createdAt)) continue;
      if (
        await applyArchive({ ...this.deps, now: this.now }, meeting, {
          ...a,
          duration: a.duration ?? 0,
          size: a.size ?? 0,
        })
      )
        repairs++;
    }
    const listed = new Set(broadcasts.map((b) => b.id));
    for (const b of broadcasts) {
      if (b.sessionId !== meeting.sessionId) continue;
      const known = await store.getBroadcast(b.id);
      if (known && known.seq >= broadcastSeq(b.status, b.updatedAt ?? b.createdAt)) continue;
      if (await applyBroadcast(store, meeting, b)) repairs++;
    }
    for (const b of await store.listBroadcasts(meeting.id)) {
      if (b.status !== 'started' || listed.has(b.id)) continue;
      try {
        if (await applyBroadcast(store, meeting, await this.deps.video.getBroadcast(b.id))) repairs++;
      } catch (err) {
        if (!isVideoError(err, 'not_found')) throw err;
        if (
          await applyBroadcast(store, meeting, {
            id: b.id,
            sessionId: meeting.sessionId,
            status: 'stopped',
            createdAt: b.createdAt,
            updatedAt: this.now(),
          })
        )
          repairs++;
      }
    }
    if (repairs) reconcileRepairsTotal.inc({ kind: 'media' }, repairs);
    return repairs;
  }
}
