import type { CardService } from '../cards/types.js';
import type { Logger } from '../log.js';
import { TimerLoop, type Scheduler, type TimerStore } from '../schedule/timer-loop.js';
import type { Timer } from '../schedule/timers.js';
import type { Store } from '../store/types.js';
import { isVideoError } from '../video/errors.js';
import type { VideoApi } from '../video/api.js';

// The idle end of channel rooms runs on the schedule's TimerLoop: the same sleep-until-due, the
// same claim so it fires once across replicas, the same fake clock in tests. Each room with an idle
// end is one timer; its row in `rooms` is the timer's state (src/store/concerns/rooms.ts). The timer
// is of kind `next`, the kind the late rule always runs however late, because a room left empty
// while the bot was down should still have its meeting ended.

/** What ending idle rooms needs. */
export interface RoomIdleDeps {
  store: Store;
  video: Pick<VideoApi, 'stopArchive' | 'stopBroadcast'>;
  cards: CardService;
  log: Logger;
  /** This replica's name in claims. */
  owner: string;
  scheduler?: Scheduler;
  /** Longest sleep, so an idle end set on another replica is seen (default 60 s). */
  maxSleepMs?: number;
}

const SEP = '@';

/** The timer of a room's idle end. */
function timerOf(roomId: string, endAt: number): Timer {
  return {
    id: `${roomId}${SEP}${endAt}`,
    scheduleId: roomId,
    kind: 'next',
    fireAtMs: endAt,
    occurrenceStartMs: endAt,
    occurrenceEndMs: endAt,
  };
}

function parse(id: string): { roomId: string; endAt: number } {
  const at = id.lastIndexOf(SEP);
  return { roomId: id.slice(0, at), endAt: Number(id.slice(at + 1)) };
}

/** The rooms' idle ends seen as a TimerStore. */
export function roomIdleTimers(store: Store): TimerStore {
  return {
    async dueTimers(untilMs, staleBefore, limit) {
      const rooms = await store.dueRoomIdles(untilMs, staleBefore, limit);
      return rooms.flatMap((r) => (r.idleEndAt === null ? [] : [timerOf(r.id, r.idleEndAt)]));
    },
    nextTimerAt: (staleMs) => store.nextRoomIdleAt(staleMs),
    claimTimer(id, owner, now, staleBefore) {
      const { roomId, endAt } = parse(id);
      return store.claimRoomIdle(roomId, endAt, owner, now, staleBefore);
    },
    async finishTimer(id) {
      const { roomId, endAt } = parse(id);
      await store.commit([{ kind: 'finishRoomIdle', id: roomId, endAt }]);
    },
  };
}

/** The loop that ends the meetings of rooms left empty; start it on the lease holder. */
export function createRoomIdleLoop(deps: RoomIdleDeps): TimerLoop {
  const scheduler = deps.scheduler;
  return new TimerLoop({
    store: roomIdleTimers(deps.store),
    owner: deps.owner,
    ...(scheduler ? { scheduler } : {}),
    ...(deps.maxSleepMs !== undefined ? { maxSleepMs: deps.maxSleepMs } : {}),
    action: async (decision) => {
      await endIdleRoom(deps, decision.timer.scheduleId, scheduler?.now() ?? Date.now());
      return [];
    },
    onError: (err, timer) =>
      deps.log.error('ending an idle room failed; retried later', { timer: timer?.id, err }),
  });
}

const RUNNING = new Set(['started', 'paused']);

/** Ends the room's meeting if it is still empty: stops what records or streams it, marks it ended. */
export async function endIdleRoom(
  deps: Pick<RoomIdleDeps, 'store' | 'video' | 'cards' | 'log'>,
  roomId: string,
  now: number,
): Promise<boolean> {
  const { store } = deps;
  const room = await store.getRoom(roomId);
  if (!room) return false;
  const meeting = await store.getMeetingBySession(room.sessionId);
  if (!meeting || meeting.status !== 'active') return false;
  // Someone came back after the end was set (their join clears it, but a late read can race it).
  const present = (await store.listConnections(meeting.id)).filter(
    (c) => c.kind !== 'audio' && c.kind !== 'render',
  );
  if (present.length > 0) return false;
  const tolerate = (err: unknown) => {
    if (!isVideoError(err, 'not_found') && !isVideoError(err, 'conflict')) throw err;
  };
  for (const r of await store.listRecordings(meeting.id))
    if (RUNNING.has(r.status)) await deps.video.stopArchive(r.id).catch(tolerate);
  for (const b of await store.listBroadcasts(meeting.id))
    if (b.status === 'started') await deps.video.stopBroadcast(b.id).catch(tolerate);
  await store.commit([
    { kind: 'updateMeeting', id: meeting.id, patch: { status: 'ended', endedAt: now } },
    // Like /video end: the ended meeting's recap is posted in its card's thread (src/recap/).
    { kind: 'queueRecap', meetingId: meeting.id, at: now },
    {
      kind: 'audit',
      entry: {
        meetingId: meeting.id,
        platform: meeting.platform,
        actorId: 'room-idle',
        actorName: 'room idle timer',
        action: 'end',
        target: room.id,
        outcome: 'ok',
        detail: 'nobody in the room',
        at: now,
      },
    },
  ]);
  deps.cards.wake(meeting.id);
  deps.log.info('ended the meeting of an empty room', { roomId, meetingId: meeting.id });
  return true;
}
