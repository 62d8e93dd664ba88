import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { VideoApi } from '../video/api.js';
import { isVideoError } from '../video/errors.js';
import { LeasedLoop } from '../replica/leased-loop.js';

// RECORDING_RETENTION_DAYS: recordings older than that are deleted from the Video API and marked in
// the store (the library and the recap then say "deleted after N days"). One replica sweeps at a
// time: whoever takes the store lease 'retention' for the pass, like reconciliation. A sweep that
// fails half-way leaves the rest for the next pass; an archive the API no longer has is marked too.

/** What the sweeper needs. */
export interface RetentionDeps {
  store: Pick<Store, 'acquireLease' | 'releaseLease' | 'listExpiredRecordings' | 'commit'>;
  video: Pick<VideoApi, 'deleteArchive'>;
  log: Logger;
  /** Keep recordings this many days. */
  days: number;
  /** This replica's lease holder ID (replicaId()). */
  holder: string;
  now?: () => number;
  /** How often to sweep (default hourly). */
  intervalMs?: number;
  /** Recordings deleted per pass at most (default 100), so one pass stays short. */
  batch?: number;
}

const DAY_MS = 86_400_000;

/** Deletes recordings older than the retention period, on the replica holding the lease. */
export class RetentionSweeper {
  private readonly now: () => number;
  private readonly loop: LeasedLoop;

  constructor(private readonly deps: RetentionDeps) {
    this.now = deps.now ?? Date.now;
    const intervalMs = deps.intervalMs ?? 3_600_000;
    this.loop = new LeasedLoop({
      store: deps.store,
      log: deps.log,
      lease: 'retention',
      holder: deps.holder,
      intervalMs,
      leaseTtlMs: Math.max(2 * intervalMs, 60_000),
      now: this.now,
      failure: 'retention sweep failed',
      pass: () => this.pass(),
    });
  }

  /** Sweeps soon after start and then every interval. */
  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass; resolves with how many recordings it deleted (0 when another replica holds the lease). */
  runOnce(): Promise<number> {
    return this.loop.runOnce();
  }

  private async pass(): Promise<number> {
    const { store, video, log, days } = this.deps;
    const now = this.now();
    const due = await store.listExpiredRecordings(now - days * DAY_MS, this.deps.batch ?? 100);
    let deleted = 0;
    for (const { recording, meeting } of due) {
      try {
        await video.deleteArchive(recording.id);
      } catch (err) {
        if (!isVideoError(err, 'not_found')) {
          log.warn('retention: could not delete a recording; the next pass tries again', {
            recordingId: recording.id,
            err,
          });
          continue;
        }
      }
      await store.commit([
        { kind: 'expireRecording', id: recording.id, at: this.now(), days },
        { kind: 'touchMeeting', id: meeting.id },
      ]);
      deleted++;
    }
    if (deleted > 0) log.info('retention: deleted old recordings', { deleted, days });
    return deleted;
  }
}
