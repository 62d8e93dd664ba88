import { describe, expect, it } from 'vitest';
import { makePlan, nextOccurrence, occurrenceAt, type Plan } from '../../src/schedule/recurrence.js';
import { TimerLoop, type TimerAction } from '../../src/schedule/timer-loop.js';
import { lateSuffix, timersForOccurrence, type TimerDecision } from '../../src/schedule/timers.js';
import { toLocal } from '../../src/schedule/zone.js';
import { FakeScheduler, MemoryTimerStore } from './fakes.js';
import { instant } from './helpers.js';

const MIN = 60_000;

/** A weekly 10:00 New York series with a 10-minute reminder, as a command would plan it. */
function setUp(first = { year: 2026, month: 2, day: 26, hour: 10, minute: 0 }) {
  const plan: Plan = makePlan({ zone: 'America/New_York', first, durationMinutes: 30, every: 'week' });
  const now = instant('2026-02-26 08:00', '-05:00');
  const clock = new FakeScheduler(now);
  const store = new MemoryTimerStore();
  store.add(timersForOccurrence('sch_1', occurrenceAt(plan, 0), 10, now));
  const posts: string[] = [];
  const errors: unknown[] = [];
  const action: TimerAction = async (d) => {
    const local = toLocal(plan.zone, d.timer.occurrenceStartMs);
    const day = `${local.month}/${local.day} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
    if (d.timer.kind === 'remind') posts.push(`reminder ${day}${lateSuffix(d)}`);
    if (d.timer.kind === 'start') posts.push(`starting now ${day}${lateSuffix(d)}`);
    if (d.timer.kind !== 'next') return [];
    const o = nextOccurrence(plan, d.timer.occurrenceEndMs);
    return o ? timersForOccurrence('sch_1', o, 10, clock.now()) : [];
  };
  const loop = (owner: string, extra: Partial<ConstructorParameters<typeof TimerLoop>[0]> = {}) =>
    new TimerLoop({ store, action, owner, scheduler: clock, onError: (e) => errors.push(e), ...extra });
  return { plan, clock, store, posts, errors, loop };
}

describe('TimerLoop with a controllable clock', () => {
  it('posts each reminder and "starting now" on time, week after week, at 10:00 local across DST', async () => {
    const { clock, posts, loop } = setUp();
    const a = loop('replica-a');
    a.start();
    await clock.advanceTo(instant('2026-03-20 00:00', '-04:00'), [a]);
    expect(posts).toEqual([
      'reminder 2/26 10:00',
      'starting now 2/26 10:00',
      'reminder 3/5 10:00',
      'starting now 3/5 10:00',
      'reminder 3/12 10:00', // after the 8 March change: still 10:00 local
      'starting now 3/12 10:00',
      'reminder 3/19 10:00',
      'starting now 3/19 10:00',
    ]);
    a.stop();
    expect(clock.armed).toBe(0);
  });

  it('two replicas on one store fire each timer once', async () => {
    const { clock, store, posts, loop } = setUp();
    const decisions: TimerDecision[] = [];
    const claims: string[] = [];
    const claimTimer = store.claimTimer.bind(store);
    store.claimTimer = async (id, owner, ...rest) => {
      const won = await claimTimer(id, owner, ...rest);
      claims.push(`${owner} ${won ? 'won' : 'lost'} ${id}`);
      return won;
    };
    const a = loop('replica-a', { onDecision: (d) => decisions.push(d) });
    const b = loop('replica-b', { onDecision: (d) => decisions.push(d) });
    a.start();
    b.start();
    await clock.advanceTo(instant('2026-03-13 00:00', '-05:00'), [a, b]);
    expect(posts).toHaveLength(6);
    expect(new Set(posts).size).toBe(6);
    expect(decisions.map((d) => d.timer.id)).toEqual([...new Set(decisions.map((d) => d.timer.id))]);
    // Both replicas woke for every timer and raced for it; one claim won each race.
    const lost = claims.filter((c) => c.includes(' lost '));
    expect(lost.length).toBeGreaterThanOrEqual(6);
    expect(claims.filter((c) => c.includes(' won '))).toHaveLength(decisions.length);
  });

  it('a restart 5 minutes past the reminder posts it "(late)"; 15 minutes past, it is skipped', async () => {
    for (const [downUntil, expected] of [
      ['09:55', ['reminder 2/26 10:00 (late)', 'starting now 2/26 10:00']],
      ['10:05', ['starting now 2/26 10:00 (late)']],
    ] as const) {
      const { clock, posts, loop } = setUp();
      const before = loop('old-process');
      before.start();
      await clock.advanceTo(instant('2026-02-26 09:40', '-05:00'), [before]);
      before.stop(); // the process dies before the 09:50 reminder
      await clock.advanceTo(instant(`2026-02-26 ${downUntil}`, '-05:00'), []);
      const after = loop('new-process');
      after.start();
      await clock.advanceTo(instant('2026-02-26 11:00', '-05:00'), [after]);
      expect(posts).toEqual(expected);
      after.stop();
    }
  });

  it('a failed action is retried once its claim is stale, without spinning meanwhile', async () => {
    const { clock, store, posts, errors, loop } = setUp();
    let failures = 1;
    const flaky = loop('replica-a', {
      claimStaleMs: 2 * MIN,
      maxSleepMs: 24 * 60 * MIN, // no polling: every read below is a wake-up for a timer
      action: async (d) => {
        if (d.timer.kind === 'remind' && failures-- > 0) throw new Error('Slack is down');
        posts.push(`${d.timer.kind}${lateSuffix(d)}`);
        return [];
      },
    });
    let reads = 0;
    const dueTimers = store.dueTimers.bind(store);
    store.dueTimers = (...args) => (reads++, dueTimers(...args));
    flaky.start();
    await clock.advanceTo(instant('2026-02-26 10:10', '-05:00'), [flaky]);
    expect(errors).toHaveLength(1);
    expect(posts).toEqual(['remind (late)', 'start']); // retried at 09:52, two minutes late
    expect(reads).toBeLessThan(8);
    flaky.stop();
  });
});
