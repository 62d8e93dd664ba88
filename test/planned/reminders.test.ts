// Reminders on a controllable clock, through the Discord adapter's real route and a fake Discord:
// two replicas on one store post each reminder and "starting now" once; the Join button starts the
// meeting and the Guild Scheduled Event follows it (active at the first join, completed at its end);
// a restart between scheduling and the reminder loses nothing, and the late rule holds.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { currentOccurrence } from '../../src/planned/occurrence.js';
import type { ScheduleRecord } from '../../src/store/schedule-types.js';
import { FakeDiscord, type Recorded } from '../adapters/discord/fake-discord.js';
import { testKeys } from '../adapters/discord/signing.js';
import { FakeScheduler } from '../schedule/fakes.js';
import { freshSchema } from '../replicas/pg-schema.js';
import { slash, startReplica, until, type Replica } from './replica.js';

const MIN = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'vc-planned-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const keys = testKeys();
let discord: FakeDiscord;
const running: Replica[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  await discord?.close();
});

async function replicas(names: string[], store: string, sched: FakeScheduler): Promise<Replica[]> {
  const started: Replica[] = [];
  const where = store.startsWith('postgres') ? { databaseUrl: store } : { file: store };
  for (const name of names) {
    const r = await startReplica({ name, ...where, discord, keys, sched });
    running.push(r);
    started.push(r);
  }
  await until(() => started.some((r) => r.planned.timers.keeper.held), 'a replica to hold the timer lease');
  return started;
}

const text = (r: Recorded) => JSON.stringify(r.body);
const posts = (needle: string) =>
  discord.requests.filter(
    (r) => r.method === 'POST' && r.path === '/channels/c1/messages' && text(r).includes(needle),
  );

/** Plans a meeting through /video schedule new and returns the stored schedule. */
async function plan(r: Replica, options: Record<string, string>): Promise<ScheduleRecord> {
  const before = await r.stack.store.listChannelSchedules('discord', 'g1', 'c1', 0);
  const { token } = await r.send(2, 'u-ada', slash('schedule new', options));
  await discord.waitFor(
    (q) => q.path.startsWith(`/webhooks/`) && q.path.includes(token) && text(q).includes('Planned'),
  );
  const after = await r.stack.store.listChannelSchedules('discord', 'g1', 'c1', 0);
  const made = after.find((s) => !before.some((b) => b.id === s.id));
  if (!made) throw new Error('no schedule was stored');
  return made;
}

const loops = (rs: Replica[]) => rs.map((r) => r.planned.timers.loop);

describe('planned meetings: reminders, Join and the Discord event on a fake clock', () => {
  it('two replicas post the reminder and "starting now" once; Join starts the meeting; the event follows it', async () => {
    discord = await new FakeDiscord().start();
    const sched = new FakeScheduler(Date.now());
    const [a, b] = await replicas(['a', 'b'], join(dir, `r${++n}.db`), sched);
    // Both loops run, as if both replicas believed they held the lease: the store's claim decides.
    for (const r of [a!, b!]) r.planned.timers.loop.start();
    const s = await plan(a!, { title: 'Standup', when: 'in 2h', remind: '10m', tz: 'Europe/Berlin' });
    const o = currentOccurrence(s, sched.now())!;
    // The card, and the Guild Scheduled Event: EXTERNAL, located in the channel, at the planned times.
    await until(() => posts('Going (0)').length === 1, 'the schedule card');
    const created = await discord.waitFor(
      (q) => q.method === 'POST' && q.path === '/guilds/g1/scheduled-events',
    );
    expect(created.body).toMatchObject({
      name: 'Standup',
      entity_type: 3,
      privacy_level: 2,
      entity_metadata: { location: 'https://discord.com/channels/g1/c1' },
      scheduled_start_time: new Date(o.startMs).toISOString(),
      scheduled_end_time: new Date(o.endMs).toISOString(),
    });
    await until(async () => (await a!.stack.store.listOccurrenceLinks(s.id)).length === 1, 'the event link');
    const [link] = await a!.stack.store.listOccurrenceLinks(s.id);
    expect(link).toMatchObject({ occurrenceStartMs: o.startMs, eventStatus: 'scheduled' });
    const eventPath = `/guilds/g1/scheduled-events/${link!.eventId}`;

    await sched.advanceTo(o.startMs - 10 * MIN + 5_000, loops([a!, b!]));
    await until(() => posts('Reminder:').length === 1, 'the reminder');
    expect(text(posts('Reminder:')[0]!)).toContain('starts in 10m.');
    expect(text(posts('Reminder:')[0]!)).not.toContain('(late)');
    await sched.advanceTo(o.startMs + 5_000, loops([a!, b!]));
    await until(() => posts('is starting now').length === 1, '"starting now"');
    const starting = posts('is starting now')[0]!;
    expect(text(starting)).toContain(`v1|schedule.join|${s.id}|`);
    // Every timer was claimed and acted on by exactly one replica.
    const fired = [...a!.decisions, ...b!.decisions]
      .filter((d) => d.action === 'fire')
      .map((d) => d.timer.kind);
    expect(fired.sort()).toEqual(['remind', 'start']);
    expect(posts('Reminder:')).toHaveLength(1);
    expect(posts('is starting now')).toHaveLength(1);

    // Join (on replica b) starts the meeting, since none runs, and hands the clicker a link.
    const click = await b!.send(3, 'u-bob', { custom_id: `v1|schedule.join|${s.id}|`, component_type: 2 });
    expect(click.status).toBe(200);
    const reply = await discord.waitFor((q) => q.path.includes(click.token) && text(q).includes('/join/'));
    expect(text(reply)).toContain('Meeting **Standup** started.');
    const meeting = (await b!.stack.store.getActiveMeetingInChannel('discord', 'g1', 'c1'))!;
    await until(
      async () => (await b!.stack.store.occurrenceOfMeeting(meeting.id)) !== null,
      'the occurrence link',
    );
    expect(discord.matching(/^PATCH \/guilds\/g1\/scheduled-events\//)).toHaveLength(0);
    // The first person in: the event becomes active. The meeting ends: completed.
    await b!.stack.connect(meeting, 'discord', 'u-bob', 'Bob');
    const active = await discord.waitFor((q) => q.method === 'PATCH' && q.path === eventPath);
    expect(active.body).toEqual({ status: 2 });
    const end = await b!.send(2, 'u-bob', slash('end'));
    await discord.waitFor((q) => q.path.includes(end.token) && q.method !== 'DELETE');
    await until(() => discord.matching(/^PATCH \/guilds\/g1\/scheduled-events\//).length === 2, 'completed');
    expect(discord.matching(/^PATCH \/guilds\/g1\/scheduled-events\//).map((q) => q.body)).toEqual([
      { status: 2 },
      { status: 3 },
    ]);
    expect((await b!.stack.store.occurrenceOfMeeting(meeting.id))!.eventStatus).toBe('completed');

    // The planned end passes: a one-off has no next occurrence; its card says so.
    await sched.advanceTo(o.endMs + 5_000, loops([a!, b!]));
    await until(
      () =>
        discord
          .matching(/^PATCH \/channels\/c1\/messages\//)
          .some((q) => text(q).includes('No occurrence is left')),
      'the card to say it is over',
    );
    expect(await a!.stack.store.nextTimerAt(120_000)).toBeNull();
  });

  it('a restart between scheduling and the reminder loses nothing; late reminders follow the 10-minute rule', async () => {
    discord = await new FakeDiscord().start();
    const sched = new FakeScheduler(Date.now());
    const file = join(dir, `r${++n}.db`);
    const [a] = await replicas(['a'], file, sched);
    const s1 = await plan(a!, { title: 'Sync', when: 'in 1h', remind: '10m', tz: 'America/New_York' });
    const s2 = await plan(a!, { title: 'Retro', when: 'in 1h', remind: '20m', tz: 'America/New_York' });
    const start = currentOccurrence(s1, sched.now())!.startMs;
    expect(currentOccurrence(s2, sched.now())!.startMs).toBe(start);
    // The bot is down from here until 5 minutes past Sync's reminder (15 past Retro's).
    running.splice(running.indexOf(a!), 1);
    await a!.close();
    await sched.advanceTo(start - 5 * MIN, []);
    const [c] = await replicas(['c'], file, sched);
    await sched.advanceTo(start - 5 * MIN + 1_000, loops([c!]));
    await until(() => posts('Reminder:').length === 1, 'the late reminder');
    expect(text(posts('Reminder:')[0]!)).toContain('**Sync** starts in 10m (late).');
    const retro = c!.decisions.find((d) => d.timer.scheduleId === s2.id && d.timer.kind === 'remind');
    expect(retro).toMatchObject({ action: 'skip', reason: 'too-late' });
    // "Starting now" is on time again for both, once each.
    await sched.advanceTo(start + 1_000, loops([c!]));
    await until(() => posts('is starting now').length === 2, 'both starts');
    expect(posts('Reminder:')).toHaveLength(1);
  });
});

describe('planned meetings on Postgres', () => {
  it('two replicas on one Postgres database post the reminder and "starting now" once each', async () => {
    discord = await new FakeDiscord().start();
    const schema = await freshSchema('planned');
    try {
      const sched = new FakeScheduler(Date.now());
      const [a, b] = await replicas(['pa', 'pb'], schema.url, sched);
      // Both loops run, as if both replicas believed they held the lease: the claim decides.
      for (const r of [a!, b!]) r.planned.timers.loop.start();
      const s = await plan(b!, { title: 'Planning', when: 'in 3h', remind: '1h', tz: 'Asia/Tokyo' });
      const o = currentOccurrence(s, sched.now())!;
      await sched.advanceTo(o.startMs + 5_000, loops([a!, b!]));
      await until(() => posts('is starting now').length === 1, '"starting now"');
      expect(posts('Reminder:')).toHaveLength(1);
      expect(text(posts('Reminder:')[0]!)).toContain('**Planning** starts in 1h.');
      const fired = [...a!.decisions, ...b!.decisions].filter((d) => d.action === 'fire');
      expect(fired.map((d) => d.timer.kind).sort()).toEqual(['remind', 'start']);
      expect(posts('is starting now')).toHaveLength(1);
    } finally {
      for (const r of running.splice(0)) await r.close();
      await schema.drop();
    }
  });
});
