// Contract: planned meetings. Schedules with their exceptions, RSVPs (latest answer wins), per-person
// time zones, and timers: due, claimed once across replicas (a stale claim is taken over), finished
// together with the timers their action planned; and the TimerLoop on the real store.

import { describe, expect, it } from 'vitest';
import { makePlan, nextOccurrence, occurrenceAt, planFromRecord } from '../../src/schedule/recurrence.js';
import { TimerLoop, type TimerAction } from '../../src/schedule/timer-loop.js';
import { lateSuffix, timersForOccurrence, type Timer } from '../../src/schedule/timers.js';
import type { ScheduleRecord } from '../../src/store/schedule-types.js';
import { FakeScheduler } from '../schedule/fakes.js';
import type { Harness } from './harness.js';
import { T0 } from './fixtures.js';

const MIN = 60_000;
// Loops here wake for timers, not to poll: a minute's polling over simulated weeks is only slow.
const HOURS_6 = 6 * 60 * MIN;

function schedule(
  over: Partial<Omit<ScheduleRecord, 'exceptions' | 'revision'>> = {},
): Omit<ScheduleRecord, 'exceptions' | 'revision'> {
  return {
    id: 'sch1',
    platform: 'discord',
    teamId: 'G1',
    channelId: 'C1',
    title: 'Standup',
    creatorId: 'U1',
    creatorName: 'Ada',
    zone: 'Europe/Berlin',
    first: { year: 2023, month: 11, day: 20, hour: 10, minute: 0 },
    durationMinutes: 30,
    every: 'week',
    remindMinutes: 10,
    cancelledFrom: null,
    createdAt: T0,
    ...over,
  };
}

const timer = (id: string, fireAtMs: number, over: Partial<Timer> = {}): Timer => ({
  id,
  scheduleId: 'sch1',
  kind: 'start',
  fireAtMs,
  occurrenceStartMs: fireAtMs,
  occurrenceEndMs: fireAtMs + 30 * MIN,
  ...over,
});

export function scheduleContract(h: Harness): void {
  describe('schedules', () => {
    it('stores a schedule with its first timers in one unit, and reads it back', async () => {
      const st = h.store();
      const applied = await st.commit([
        { kind: 'createSchedule', schedule: schedule() },
        { kind: 'addTimer', timer: timer('t1', T0 + MIN) },
      ]);
      expect(applied).toEqual([true, true]);
      expect(await st.getSchedule('sch1')).toEqual({ ...schedule(), exceptions: [], revision: 0 });
      expect(await st.getSchedule('nope')).toBeNull();
      const plan = planFromRecord((await st.getSchedule('sch1'))!);
      expect(plan).toEqual(
        makePlan({ zone: 'Europe/Berlin', first: schedule().first, durationMinutes: 30, every: 'week' }),
      );
      // A repeated request changes nothing.
      expect(await st.commit([{ kind: 'createSchedule', schedule: schedule({ title: 'Other' }) }])).toEqual([
        false,
      ]);
      expect((await st.getSchedule('sch1'))!.title).toBe('Standup');
    });

    it('a cancelled occurrence is an exception; cancelling the series hides it from the channel list', async () => {
      const st = h.store();
      await st.commit([
        { kind: 'createSchedule', schedule: schedule() },
        { kind: 'createSchedule', schedule: schedule({ id: 'sch2', every: null, createdAt: T0 + 1 }) },
        { kind: 'createSchedule', schedule: schedule({ id: 'other', channelId: 'C2' }) },
      ]);
      const ex = {
        kind: 'scheduleException',
        scheduleId: 'sch1',
        occurrenceStartMs: T0 + 7 * 1440 * MIN,
      } as const;
      expect(await st.commit([ex, ex])).toEqual([true, false]);
      expect((await st.getSchedule('sch1'))!.exceptions).toEqual([T0 + 7 * 1440 * MIN]);
      const list = (now: number) =>
        st.listChannelSchedules('discord', 'G1', 'C1', now).then((l) => l.map((s) => s.id));
      expect(await list(T0)).toEqual(['sch1', 'sch2']);
      expect(await st.commit([{ kind: 'cancelSchedule', id: 'sch2', fromMs: T0 + 5 }])).toEqual([true]);
      expect(await st.commit([{ kind: 'cancelSchedule', id: 'sch2', fromMs: T0 + 9 }])).toEqual([false]);
      expect((await st.getSchedule('sch2'))!.cancelledFrom).toBe(T0 + 5);
      const once = planFromRecord((await st.getSchedule('sch2'))!);
      expect([once.every, once.cancelledFromMs]).toEqual([undefined, T0 + 5]);
      expect(planFromRecord((await st.getSchedule('sch1'))!).exceptions).toEqual([T0 + 7 * 1440 * MIN]);
      expect(await list(T0)).toEqual(['sch1', 'sch2']);
      expect(await list(T0 + 5)).toEqual(['sch1']);
    });

    it('RSVPs: one answer per person and occurrence, the latest wins', async () => {
      const st = h.store();
      await st.commit([{ kind: 'createSchedule', schedule: schedule() }]);
      const rsvp = (userId: string, going: boolean, at: number, occurrenceStartMs = T0) =>
        ({ kind: 'rsvp', record: { scheduleId: 'sch1', occurrenceStartMs, userId, going, at } }) as const;
      expect(await st.commit([rsvp('U1', true, 1), rsvp('U2', false, 2), rsvp('U1', false, 3)])).toEqual([
        true,
        true,
        true,
      ]);
      expect(await st.commit([rsvp('U2', true, 1)])).toEqual([false]); // older than the stored answer
      await st.commit([rsvp('U3', true, 4), rsvp('U3', true, 4, T0 + 1)]);
      const answers = await st.listRsvps('sch1', T0);
      expect(answers.map((a) => [a.userId, a.going])).toEqual([
        ['U2', false],
        ['U1', false],
        ['U3', true],
      ]);
      expect(await st.listRsvps('sch1', T0 + 1)).toHaveLength(1);
    });

    it("remembers each person's time zone per platform", async () => {
      const st = h.store();
      expect(await st.getPersonTimeZone('discord', 'U1')).toBeNull();
      await st.setPersonTimeZone('discord', 'U1', 'Asia/Kolkata', T0);
      await st.setPersonTimeZone('discord', 'U1', 'Europe/Berlin', T0 + 1);
      expect(await st.getPersonTimeZone('discord', 'U1')).toBe('Europe/Berlin');
      expect(await st.getPersonTimeZone('slack', 'U1')).toBeNull();
    });
  });

  describe('schedule timers', () => {
    async function withTimers(timers: Timer[]) {
      const st = h.store();
      await st.commit([
        { kind: 'createSchedule', schedule: schedule() },
        ...timers.map((t) => ({ kind: 'addTimer' as const, timer: t })),
      ]);
      return st;
    }

    it('lists due timers earliest first and says when the next one is', async () => {
      const st = await withTimers([timer('b', T0 + 2 * MIN), timer('a', T0 + MIN), timer('c', T0 + 9 * MIN)]);
      expect(await st.nextTimerAt(120_000)).toBe(T0 + MIN);
      expect((await st.dueTimers(T0 + 2 * MIN, T0, 10)).map((t) => t.id)).toEqual(['a', 'b']);
      expect(await st.dueTimers(T0 + 2 * MIN, T0, 1)).toEqual([timer('a', T0 + MIN)]);
      expect(await st.commit([{ kind: 'addTimer', timer: timer('a', T0) }])).toEqual([false]);
    });

    it('a timer is claimed by one caller; a stale claim is taken over; a finished timer is gone', async () => {
      const st = await withTimers([timer('a', T0)]);
      const other = await h.open();
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? other : st).claimTimer('a', `r${i}`, T0 + MIN, T0 - MIN),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await st.dueTimers(T0 + MIN, T0, 10)).toEqual([]); // held, not stale
      expect(await st.nextTimerAt(120_000)).toBe(T0 + 3 * MIN); // when the claim goes stale
      expect(await st.claimTimer('a', 'late', T0 + 2 * MIN, T0)).toBe(false);
      expect(await other.claimTimer('a', 'rescuer', T0 + 3 * MIN, T0 + MIN)).toBe(true);
      const planned = [timer('next', T0 + 7 * 1440 * MIN)];
      await st.finishTimer('a', 'fired', T0 + 3 * MIN, planned);
      expect(await st.claimTimer('a', 'again', T0 + 9 * MIN, T0 + 9 * MIN)).toBe(false);
      expect(await st.nextTimerAt(120_000)).toBe(T0 + 7 * 1440 * MIN);
      expect(await st.commit([{ kind: 'finishTimer', id: 'a', outcome: 'skipped', at: T0 }])).toEqual([
        false,
      ]);
    });

    it('dropping timers cancels the given kinds in a range of occurrences', async () => {
      const week = 7 * 1440 * MIN;
      const st = await withTimers([
        timer('s1', T0),
        timer('n1', T0 + 30 * MIN, { kind: 'next', occurrenceStartMs: T0 }),
        timer('s2', T0 + week),
      ]);
      const drop = {
        kind: 'dropTimers',
        scheduleId: 'sch1',
        fromMs: T0,
        toMs: T0,
        kinds: ['remind', 'start'],
        at: T0,
      } as const;
      expect(await st.commit([drop])).toEqual([true]);
      expect((await st.dueTimers(T0 + week, T0, 10)).map((t) => t.id)).toEqual(['n1', 's2']);
      await st.commit([{ ...drop, toMs: undefined, kinds: ['remind', 'start', 'next'] }]);
      expect(await st.nextTimerAt(0)).toBeNull();
    });

    it('two TimerLoops on two handles fire each reminder once, and a restart posts a missed one "(late)"', async () => {
      const plan = makePlan({
        zone: 'Europe/Berlin',
        first: schedule().first,
        durationMinutes: 30,
        every: 'week',
      });
      const firstStart = occurrenceAt(plan, 0).startMs;
      const clock = new FakeScheduler(firstStart - 60 * MIN);
      const st = h.store();
      await st.commit([
        { kind: 'createSchedule', schedule: schedule() },
        ...timersForOccurrence('sch1', occurrenceAt(plan, 0), 10, clock.now()).map((t) => ({
          kind: 'addTimer' as const,
          timer: t,
        })),
      ]);
      const posts: string[] = [];
      const action: TimerAction = async (d) => {
        if (d.timer.kind !== 'next')
          posts.push(`${d.timer.kind} ${new Date(d.timer.occurrenceStartMs).toISOString()}${lateSuffix(d)}`);
        const o = d.timer.kind === 'next' ? nextOccurrence(plan, d.timer.occurrenceEndMs) : undefined;
        return o ? timersForOccurrence('sch1', o, 10, clock.now()) : [];
      };
      const replicas = [st, await h.open()].map(
        (store, i) => new TimerLoop({ store, action, owner: `r${i}`, scheduler: clock, maxSleepMs: HOURS_6 }),
      );
      for (const r of replicas) r.start();
      await clock.advanceTo(firstStart + 7 * 1440 * MIN + 60 * MIN, replicas);
      for (const r of replicas) r.stop();
      const second = occurrenceAt(plan, 1).startMs;
      expect(posts).toEqual([
        `remind ${new Date(firstStart).toISOString()}`,
        `start ${new Date(firstStart).toISOString()}`,
        `remind ${new Date(second).toISOString()}`,
        `start ${new Date(second).toISOString()}`,
      ]);
      // Down from before the third reminder until 4 minutes after it; a new process (handle) resumes.
      const third = occurrenceAt(plan, 2).startMs;
      await clock.advanceTo(third - 6 * MIN, []);
      const restarted = new TimerLoop({
        store: await h.open(),
        action,
        owner: 'r-new',
        scheduler: clock,
        maxSleepMs: HOURS_6,
      });
      restarted.start();
      await clock.advanceTo(third + MIN, [restarted]);
      restarted.stop();
      expect(posts.slice(4)).toEqual([
        `remind ${new Date(third).toISOString()} (late)`,
        `start ${new Date(third).toISOString()}`,
      ]);
    });

    it('edits bump the revision; posted cards and occurrence links are kept, event status only moves on', async () => {
      const st = h.store();
      await st.commit([{ kind: 'createSchedule', schedule: schedule() }]);
      const first = { year: 2023, month: 11, day: 21, hour: 9, minute: 30 };
      await st.commit([
        { kind: 'editSchedule', id: 'sch1', patch: { title: 'Retro', first, remindMinutes: null } },
      ]);
      const edited = (await st.getSchedule('sch1'))!;
      expect([edited.title, edited.first, edited.remindMinutes, edited.revision]).toEqual([
        'Retro',
        first,
        null,
        1,
      ]);
      const ref = { platform: 'discord' as const, teamId: 'G1', channelId: 'C1', messageId: 'm1' };
      const post = { kind: 'addSchedulePost' as const, scheduleId: 'sch1', ref, at: T0 };
      expect(await st.commit([post, post])).toEqual([true, false]);
      expect(await st.listSchedulePosts('sch1')).toEqual([ref]);
      const link = { kind: 'linkOccurrence' as const, scheduleId: 'sch1', occurrenceStartMs: T0 };
      await st.commit([{ ...link, eventId: 'e1', eventStatus: 'scheduled' }]);
      await st.commit([{ ...link, meetingId: 'm1', eventStatus: 'active' }]);
      // Going back is refused; so is repeating a step another writer took.
      expect(await st.commit([{ ...link, eventStatus: 'scheduled' }])).toEqual([false]);
      expect(await st.commit([{ ...link, eventStatus: 'active' }])).toEqual([false]);
      const want = {
        scheduleId: 'sch1',
        occurrenceStartMs: T0,
        meetingId: 'm1',
        eventId: 'e1',
        eventStatus: 'active',
      };
      expect(await st.listOccurrenceLinks('sch1')).toEqual([want]);
      expect(await st.occurrenceOfMeeting('m1')).toEqual(want);
      expect(await st.occurrenceOfMeeting('m2')).toBeNull();
      await st.commit([{ ...link, eventStatus: 'completed' }]);
      expect((await st.occurrenceOfMeeting('m1'))!.eventStatus).toBe('completed');
    });
  });
}
