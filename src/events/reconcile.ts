import { randomBytes } from 'node:crypto';
import type { CardService } from '../cards/types.js';
import type { Logger } from '../log.js';
import { reconcileRepairsTotal } from '../metrics.js';
import type { MeetingRecord, Store, StoreWrite } from '../store/types.js';
import type { VideoApi } from '../video/api.js';
import { isVideoError } from '../video/errors.js';
import { LeasedLoop } from '../replica/leased-loop.js';
import { announceRecordings } from './apply-media.js';
import { mediaRepairs, type MediaApi } from './reconcile-media.js';
import { planPresenceRepairs, type ApiSnapshot } from './reconcile-plan.js';

// Lost callbacks are normal (retries give up, outages last hours, a browser dies without a word),
// so every active meeting is compared with the Video API once per interval, on the replica that
// holds the lease 'reconcile'. A pass takes a snapshot of each meeting (streams, connections, and
// every archive, broadcast and render the API can list or get), and the store takes what is newer
// than what it holds (src/events/reconcile-plan.ts): within one interval the card shows the API's
// truth. A session the API no longer knows ends its meeting, and says so.

/** The sentence a meeting's card ends with when the Video API forgot its session. */
export const FORGOTTEN = 'The video service no longer knows this meeting.';

/** Dependencies of the {@link Reconciler}. */
export interface ReconcileDeps {
  store: Store;
  video: MediaApi & Pick<VideoApi, 'listStreams' | 'listConnections'>;
  cards: CardService;
  log: Logger;
  now?: () => number;
  intervalMs?: number;
  holder?: string;
  /** Meetings checked at once at the least (default 4); more when there are many (see passWorkers). */
  concurrency?: number;
  /** Longest one Video API call may take (default: a third of the interval, at most 10 s). */
  callTimeoutMs?: number;
  /** How far the Video API's clock may lag ours (default 2 s; see PlanOptions.skewMs). */
  skewMs?: number;
}

/** A worker's time per meeting: three API calls in turn (312 ms with 100 ms added to each emulator call). */
const MEETING_MS = 300;
/** Most meetings checked at once (the Video API's rate limits are not published; a 429 waits its Retry-After). */
const MAX_WORKERS = 32;

/**
 * How many meetings a pass checks at once: enough that `meetings` take about a quarter of the
 * interval at MEETING_MS each, at least `min`, at most MAX_WORKERS. A fixed 4 made a pass over
 * 1,000 meetings last 76 s with 100 ms per Video API call, past the 60 s interval that
 * docs/TRUTH.md promises (`node bench/reconcile-pass.mjs`).
 */
export function passWorkers(meetings: number, intervalMs: number, min: number): number {
  const perWorker = Math.max(1, Math.floor(intervalMs / 4 / MEETING_MS));
  return Math.max(min, Math.min(MAX_WORKERS, Math.ceil(meetings / perWorker)));
}

/** Periodically brings every active meeting to the Video API's state. */
export class Reconciler {
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly loop: LeasedLoop;

  constructor(private readonly deps: ReconcileDeps) {
    this.now = deps.now ?? Date.now;
    this.intervalMs = deps.intervalMs ?? 60_000;
    this.loop = new LeasedLoop({
      store: deps.store,
      log: deps.log,
      lease: 'reconcile',
      holder: deps.holder ?? `reconcile:${process.pid}:${randomBytes(4).toString('hex')}`,
      intervalMs: this.intervalMs,
      leaseTtlMs: Math.max(2 * this.intervalMs, 30_000),
      now: this.now,
      failure: 'reconciliation failed',
      pass: () => this.pass(),
    });
  }

  /** Runs a pass right away (a restart may have left meetings the API forgot) and then every interval. */
  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass over every active meeting; resolves with the number of repairs. */
  runOnce(): Promise<number> {
    return this.loop.runOnce();
  }

  private async pass(): Promise<number> {
    const { store, log } = this.deps;
    // Expired dedupe and idempotency keys go here: one replica, once per interval.
    await store
      .purgeExpiredKeys(this.now())
      .catch((err: unknown) => log.warn('could not purge expired keys', { err }));
    const queue = await store.listActiveMeetings();
    const meetings = queue.length;
    const started = this.now();
    let repairs = 0;
    const worker = async () => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        try {
          repairs += await this.meeting(m);
        } catch (err) {
          log.warn('could not confirm a meeting with the Video API', { meetingId: m.id, err });
          await this.failed(m, err).catch((e: unknown) =>
            log.warn('could not record a failed confirmation', { meetingId: m.id, err: e }),
          );
        }
      }
    };
    const workers = passWorkers(meetings, this.intervalMs, this.deps.concurrency ?? 4);
    await Promise.all(Array.from({ length: workers }, worker));
    const took = this.now() - started;
    if (took > this.intervalMs)
      log.warn('a reconciliation pass took longer than its interval; lost callbacks stay lost longer', {
        meetings,
        workers,
        tookMs: took,
        intervalMs: this.intervalMs,
      });
    return repairs;
  }

  private async meeting(meeting: MeetingRecord): Promise<number> {
    const { video, store } = this.deps;
    const call = { timeoutMs: this.deps.callTimeoutMs ?? Math.min(10_000, this.intervalMs / 3) };
    const takenAt = this.now();
    let streams: ApiSnapshot['streams'];
    try {
      streams = await video.listStreams(meeting.sessionId, call);
    } catch (err) {
      if (isVideoError(err, 'not_found')) return this.forgotten(meeting, takenAt, call);
      throw err;
    }
    // Read after the streams: a connection listed here is at least as new as the stream list.
    const connections = video.listConnections
      ? await video.listConnections(meeting.sessionId, call).catch((err: unknown) => {
          this.deps.log.debug('could not list connections; judging presence by streams', { err });
          return null;
        })
      : null;
    const [facts, media] = await Promise.all([
      this.presence(meeting),
      mediaRepairs({ ...this.deps, now: this.now, call }, meeting),
    ]);
    const presence = planPresenceRepairs(
      meeting,
      facts,
      { takenAt, streams, connections },
      { skewMs: this.deps.skewMs ?? 2000 },
    );
    const writes = [...presence, ...media];
    // The confirmation goes in the same unit; the card changes when it had said "not confirmed".
    const before = await store.getMeetingCheck(meeting.id);
    const confirmed: StoreWrite[] = [
      { kind: 'meetingCheck', meetingId: meeting.id, at: takenAt, outcome: 'confirmed' },
      before?.failingSince != null
        ? { kind: 'touchMeeting', id: meeting.id }
        : { kind: 'touchMeeting', id: meeting.id, ifChanged: true },
    ];
    // One unit: every repair of the meeting, the confirmation, and one version bump if any applied.
    const applied = await store.commit([...writes, ...confirmed]);
    const done = (from: number, to: number) => applied.slice(from, to).filter(Boolean).length;
    const repairs = { presence: done(0, presence.length), media: done(presence.length, writes.length) };
    if (repairs.presence > 0) reconcileRepairsTotal.inc({ kind: 'presence' }, repairs.presence);
    if (repairs.media > 0) reconcileRepairsTotal.inc({ kind: 'media' }, repairs.media);
    if (applied.at(-1)) this.deps.cards.wake(meeting.id);
    const available = media.some(
      (w, i) => w.kind === 'recording' && w.record.status === 'available' && applied[presence.length + i],
    );
    if (available) await announceRecordings({ ...this.deps, now: this.now }, meeting);
    return repairs.presence + repairs.media;
  }

  /** Records that the meeting could not be confirmed; the card says so from the first failure on. */
  private async failed(meeting: MeetingRecord, err: unknown): Promise<void> {
    const { store } = this.deps;
    const before = await store.getMeetingCheck(meeting.id);
    const failure = (err as { code?: unknown } | null)?.code;
    const writes: StoreWrite[] = [
      {
        kind: 'meetingCheck',
        meetingId: meeting.id,
        at: this.now(),
        outcome: 'failed',
        failure: typeof failure === 'string' ? failure : 'error',
      },
    ];
    if (before?.failingSince == null) writes.push({ kind: 'touchMeeting', id: meeting.id });
    await store.commit(writes);
    if (writes.length > 1) this.deps.cards.wake(meeting.id);
  }

  private async presence(meeting: MeetingRecord) {
    const { store } = this.deps;
    const [connections, streams, sipLegs, audioStreams] = await Promise.all([
      store.listConnections(meeting.id, { includeGone: true }),
      store.listStreams(meeting.id, { includeGone: true }),
      store.listSipLegs(meeting.id),
      store.listAudioStreams(meeting.id),
    ]);
    return { connections, streams, sipLegs, audioStreams };
  }

  /**
   * The API does not know the session (an emulator restarted without its state): the meeting is
   * over, and so is everything in it. Its people, phone and audio legs leave, and its recordings,
   * live streams and composers get the status the API gives them (an archive it forgot failed), so
   * no row says `started` for ever.
   */
  private async forgotten(meeting: MeetingRecord, at: number, call: { timeoutMs: number }): Promise<number> {
    const { store, log } = this.deps;
    log.warn('the Video API no longer knows this meeting; ending it', { meetingId: meeting.id });
    const nothing = { takenAt: at, streams: [], connections: [] };
    const presence = planPresenceRepairs(meeting, await this.presence(meeting), nothing, {
      skewMs: 0,
      legGraceMs: 0,
    });
    const media = await mediaRepairs({ ...this.deps, now: this.now, call }, meeting).catch((err: unknown) => {
      log.warn('could not read back the media of a forgotten meeting', { meetingId: meeting.id, err });
      return [];
    });
    const writes: StoreWrite[] = [
      { kind: 'updateMeeting', id: meeting.id, patch: { status: 'ended', endedAt: at } },
      // Its recap says what is known of it, in the card's thread (src/recap/post.ts).
      { kind: 'queueRecap', meetingId: meeting.id, at },
      { kind: 'meetingCheck', meetingId: meeting.id, at, outcome: 'forgotten' },
      {
        kind: 'audit',
        entry: {
          meetingId: meeting.id,
          platform: meeting.platform,
          actorId: 'reconciler',
          actorName: 'video-chatops',
          action: 'end',
          target: null,
          outcome: 'ok',
          detail: FORGOTTEN,
          at,
        },
      },
      ...presence,
      ...media,
    ];
    const [ended] = await store.commit(writes);
    if (!ended) return 0;
    reconcileRepairsTotal.inc({ kind: 'forgotten' });
    this.deps.cards.wake(meeting.id);
    return 1;
  }
}
