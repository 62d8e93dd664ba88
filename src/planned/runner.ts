// Planned meetings' timers run on one replica: the holder of the 'schedule-timers' lease runs the
// TimerLoop (and hands it on when it dies). The store's claim still makes each timer fire once if two
// replicas briefly both believe they hold the lease.

import type { Logger } from '../log.js';
import { LeaseKeeper } from '../replica/lease-keeper.js';
import { TimerLoop, type Scheduler, type TimerDecision } from '../schedule/index.js';
import type { Store } from '../store/types.js';
import type { ScheduleBoard } from './board.js';
import type { ScheduleCalendar } from './calendar.js';
import { scheduleTimerAction } from './timer-action.js';

/** Options of {@link ScheduleTimers}. */
export interface ScheduleTimersOptions {
  store: Store;
  board: ScheduleBoard;
  calendar: ScheduleCalendar;
  /** This replica's ID (replicaId()). */
  holder: string;
  log: Logger;
  /** The clock and wake-ups of the loop (tests: a fake one); also the lease's clock. */
  scheduler?: Scheduler;
  /** Lease timing (LeaseKeeper's defaults otherwise). */
  lease?: { ttlMs?: number; renewMs?: number };
  /** Longest sleep of the loop (TimerLoop's default minute otherwise). */
  maxSleepMs?: number;
  onDecision?: (d: TimerDecision) => void;
}

/** The timer loop of planned meetings, run while this replica holds the lease. */
export class ScheduleTimers {
  readonly loop: TimerLoop;
  readonly keeper: LeaseKeeper;

  constructor(o: ScheduleTimersOptions) {
    const log = o.log.child({ component: 'schedule-timers' });
    this.loop = new TimerLoop({
      store: o.store,
      owner: o.holder,
      action: scheduleTimerAction(o.board, o.calendar),
      ...(o.scheduler ? { scheduler: o.scheduler } : {}),
      ...(o.maxSleepMs ? { maxSleepMs: o.maxSleepMs } : {}),
      onError: (err, timer) => log.warn('a planned meeting timer failed', { timer: timer?.id, err }),
      onDecision: (d) => {
        if (d.action === 'skip')
          log.info('skipped a planned meeting timer', { timer: d.timer.id, why: d.reason });
        o.onDecision?.(d);
      },
    });
    const now = o.scheduler ? () => o.scheduler!.now() : undefined;
    this.keeper = new LeaseKeeper({
      store: o.store,
      name: 'schedule-timers',
      holder: o.holder,
      log,
      ...o.lease,
      ...(now ? { now } : {}),
      onAcquired: async () => this.loop.start(),
      onLost: async () => this.loop.stop(),
    });
  }

  /** Competes for the lease; the loop runs while it is held. */
  start(): void {
    this.keeper.start();
  }

  /** A timer was planned here: look at the store now if this replica runs the loop. */
  poke(): void {
    this.loop.poke();
  }

  /** Stops the loop and hands the lease over. */
  async stop(): Promise<void> {
    await this.keeper.stop();
    await this.loop.settled();
  }
}
