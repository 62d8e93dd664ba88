// Planned meetings wired into a running bot (src/main.ts, and tests that run several replicas): the
// `.ics` route, the timer loop on the lease holder, and platform events that follow the meetings
// started for planned occurrences (every replica: whichever applied the meeting's change).

import type { LiveCards } from '../cards/service.js';
import type { Logger } from '../log.js';
import type { Scheduler } from '../schedule/index.js';
import type { HttpServer } from '../server.js';
import { ScheduleBoard, type BoardServices } from './board.js';
import { ScheduleCalendar } from './calendar.js';
import { mountScheduleRoutes } from './ics-route.js';
import { ScheduleTimers, type ScheduleTimersOptions } from './runner.js';

/** What {@link startPlanned} needs. */
export interface PlannedOptions {
  services: BoardServices & { cards: LiveCards };
  server: Pick<HttpServer, 'route'>;
  /** This replica's ID (replicaId()). */
  holder: string;
  log: Logger;
  /** The timer loop's clock and wake-ups (tests: a fake one). */
  scheduler?: Scheduler;
  lease?: ScheduleTimersOptions['lease'];
  onDecision?: ScheduleTimersOptions['onDecision'];
  maxSleepMs?: number;
}

/** The running parts of planned meetings. */
export interface Planned {
  board: ScheduleBoard;
  calendar: ScheduleCalendar;
  timers: ScheduleTimers;
  stop(): Promise<void>;
}

/** Mounts the `.ics` route and starts competing for the timer lease. */
export function startPlanned(o: PlannedOptions): Planned {
  const { services, log } = o;
  // The timer side reads the loop's clock, so a fake clock moves cards and timers together.
  const timed: BoardServices = o.scheduler
    ? Object.assign(Object.create(services) as BoardServices, { now: () => o.scheduler!.now() })
    : services;
  const board = new ScheduleBoard(timed);
  const calendar = new ScheduleCalendar(timed);
  mountScheduleRoutes(o.server, { board, store: services.store, ticketSecret: services.ticketSecret });
  const timers = new ScheduleTimers({
    store: services.store,
    board,
    calendar,
    holder: o.holder,
    log,
    ...(o.scheduler ? { scheduler: o.scheduler } : {}),
    ...(o.lease ? { lease: o.lease } : {}),
    ...(o.onDecision ? { onDecision: o.onDecision } : {}),
    ...(o.maxSleepMs ? { maxSleepMs: o.maxSleepMs } : {}),
  });
  const unfollow = services.cards.onChanged((meetingId) => {
    void calendar
      .follow(meetingId)
      .catch((err: unknown) => log.warn('a platform event could not follow its meeting', { meetingId, err }));
  });
  timers.start();
  return {
    board,
    calendar,
    timers,
    async stop() {
      unfollow();
      await timers.stop();
    },
  };
}
