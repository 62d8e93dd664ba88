// A weekly series on a fake clock through the Discord route: cancelling the next occurrence cancels
// its Guild Scheduled Event and posts nothing for it, yet its end rolls the series on (timers, card
// and event of the next week); RSVPs through the card's button; Edit through Discord's modal (text
// inputs filled with what is there now); cancelling the series leaves no timer and no listing.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentOccurrence } from '../../src/planned/occurrence.js';
import { FakeDiscord, type Recorded } from '../adapters/discord/fake-discord.js';
import { testKeys } from '../adapters/discord/signing.js';
import { FakeScheduler } from '../schedule/fakes.js';
import { slash, startReplica, until, type Replica } from './replica.js';

const MIN = 60_000;
const WEEK = 7 * 1440 * MIN;
const dir = mkdtempSync(join(tmpdir(), 'vc-series-'));
let discord: FakeDiscord;
let r: Replica | undefined;
afterAll(async () => {
  await r?.close();
  await discord?.close();
  rmSync(dir, { recursive: true, force: true });
});

const text = (q: Recorded) => JSON.stringify(q.body);
const channelPosts = (needle: string) =>
  discord.requests.filter(
    (q) => q.method === 'POST' && q.path === '/channels/c1/messages' && text(q).includes(needle),
  );
const cardEdits = (needle: string) =>
  discord.requests.filter(
    (q) => q.method === 'PATCH' && q.path.startsWith('/channels/c1/messages/') && text(q).includes(needle),
  );
const events = (method: 'POST' | 'PATCH') =>
  discord.matching(new RegExp(`^${method} /guilds/g1/scheduled-events`));

describe('a weekly series through Discord', () => {
  it('skips a cancelled occurrence, rolls on to the next week, counts RSVPs, edits, and cancels the series', async () => {
    discord = await new FakeDiscord().start();
    const sched = new FakeScheduler(Date.now());
    // The loop sees newly planned timers at its next wake: every 20 minutes of fake time here (a
    // minute in production), which keeps weeks of fake time quick.
    r = await startReplica({
      name: 'a',
      file: join(dir, 'series.db'),
      discord,
      keys: testKeys(),
      sched,
      maxSleepMs: 20 * MIN,
    });
    await until(() => r!.planned.timers.keeper.held, 'the timer lease');
    const loops = [r.planned.timers.loop];
    const planned = await r.send(
      2,
      'u-ada',
      slash('schedule new', {
        title: 'Weekly',
        when: 'in 1h',
        every: 'week',
        remind: '10m',
        tz: 'Europe/Berlin',
      }),
    );
    await discord.waitFor((q) => q.path.includes(planned.token) && text(q).includes('Planned'));
    const [s] = await r.stack.store.listChannelSchedules('discord', 'g1', 'c1', 0);
    const o1 = currentOccurrence(s!, sched.now())!;
    await until(() => events('POST').length === 1, 'the first event');

    // Cancel the next occurrence only: its event is canceled, the card moves to the week after.
    const cancel = await r.send(2, 'u-ada', slash('schedule cancel', { id: s!.id }));
    await discord.waitFor((q) => q.path.includes(cancel.token) && text(q).includes('the series goes on'));
    await until(() => events('PATCH').length === 1, 'the event to be canceled');
    expect(events('PATCH')[0]!.body).toEqual({ status: 4 });
    const o2 = currentOccurrence((await r.stack.store.getSchedule(s!.id))!, sched.now())!;
    expect(o2.startMs - o1.startMs).toBe(WEEK);
    await until(() => cardEdits(`<t:${o2.startMs / 1000}:F>`).length > 0, 'the card to show next week');

    // Going, through the card's button: counted for next week's occurrence.
    const going = await r.send(3, 'u-bob', {
      custom_id: `v1|schedule.rsvp|${s!.id}|going`,
      component_type: 2,
    });
    expect(going.status).toBe(200);
    await until(() => cardEdits('Going (1)').length > 0, 'the count');
    expect((await r.stack.store.listRsvps(s!.id, o2.startMs)).map((x) => [x.userId, x.going])).toEqual([
      ['u-bob', true],
    ]);

    // The cancelled occurrence passes silently; its end rolls the series on.
    await sched.advanceTo(o1.endMs + 1_000, loops);
    expect(channelPosts('Reminder:')).toHaveLength(0);
    expect(channelPosts('is starting now')).toHaveLength(0);
    await until(() => events('POST').length === 2, 'next week’s event');
    expect(events('POST')[1]!.body).toMatchObject({
      scheduled_start_time: new Date(o2.startMs).toISOString(),
    });
    expect(await r.stack.store.nextTimerAt(120_000)).toBe(o2.startMs - 10 * MIN);

    // Edit through Discord's modal: text inputs that start with what is there now.
    const open = await r.send(3, 'u-ada', { custom_id: `v1m|schedule.edit|${s!.id}|`, component_type: 2 });
    expect(open.body).toMatchObject({ type: 9, data: { custom_id: `v1|schedule.edit|${s!.id}|` } });
    const form = JSON.stringify(open.body);
    expect(form).toMatch(
      /"custom_id":"time","style":1,"required":true,"max_length":4000,"value":"\d{2}:\d{2}","placeholder":"HH:MM"/,
    );
    const date = /"custom_id":"date"[^}]*"value":"([\d-]+)"/.exec(form)![1]!;
    const field = (id: string, value: string) => ({ type: 18, component: { type: 4, custom_id: id, value } });
    const edit = await r.send(5, 'u-ada', {
      custom_id: `v1|schedule.edit|${s!.id}|`,
      components: [
        field('title', 'Weekly sync'),
        field('date', date),
        field('time', '11:15'),
        field('duration', '30m'),
        field('remind', '5m'),
      ],
    });
    await discord.waitFor((q) => q.path.includes(edit.token) && text(q).includes('Updated'));
    const edited = (await r.stack.store.getSchedule(s!.id))!;
    expect([edited.title, edited.first.hour, edited.first.minute, edited.remindMinutes]).toEqual([
      'Weekly sync',
      11,
      15,
      5,
    ]);
    const o2b = currentOccurrence(edited, sched.now())!;
    await until(
      () => events('PATCH').some((q) => text(q).includes(new Date(o2b.startMs).toISOString())),
      'the event to move',
    );

    // The edited occurrence's reminder, once.
    await sched.advanceTo(o2b.startMs - 5 * MIN + 1_000, loops);
    await until(() => channelPosts('Reminder:').length === 1, 'the reminder');
    expect(text(channelPosts('Reminder:')[0]!)).toContain('**Weekly sync** starts in 5m.');

    // Cancel the series: its event is canceled, no timer is left, nothing is listed.
    const all = await r.send(2, 'u-ada', slash('schedule cancel', { id: s!.id, series: true }));
    await discord.waitFor((q) => q.path.includes(all.token) && text(q).includes('cancelled the series'));
    await until(
      () =>
        events('PATCH').at(-1)!.body !== undefined && text(events('PATCH').at(-1)!).includes('"status":4'),
      'the series event canceled',
    );
    expect(await r.stack.store.nextTimerAt(120_000)).toBeNull();
    const list = await r.send(2, 'u-ada', slash('schedule list'));
    await discord.waitFor((q) => q.path.includes(list.token) && text(q).includes('Nothing is planned'));
  });
});
