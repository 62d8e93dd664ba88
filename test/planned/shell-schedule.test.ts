// Planned meetings through the console, on the whole bot (startApp): /video schedule posts a card
// with the time, RSVP counts, Edit and the .ics link; list, cancel (one occurrence or the series),
// edit; the .ics route serves a file ical.js reads back, and refuses a forged link.

import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { icsPath } from '../../src/planned/links.js';
import { currentOccurrence } from '../../src/planned/occurrence.js';
import { startRig, type ShellRig } from '../shell/harness.js';

let rig: ShellRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const idOf = (out: string) => /ID `([a-z0-9]+)`/.exec(out)?.[1] ?? '';

describe('/video schedule in the console', () => {
  it('plans a weekly meeting, counts RSVPs, serves its .ics, edits and cancels one occurrence', async () => {
    rig = await startRig();
    const out = await rig.run(
      '/video schedule "Weekly sync" tomorrow 10:00 --every week --remind 10m --tz Europe/Berlin',
    );
    expect(out).toMatch(/Planned Weekly sync \(ID `[a-z0-9]+`\), repeats every week, reminder 10m before/);
    const id = idOf(out);
    // The card: title, the time in the schedule's zone, who planned it, RSVP counts and buttons.
    expect(out).toMatch(/message posted:/);
    expect(out).toMatch(/When: \w{3} \d+ \w{3} \d{4} 10:00–10:30 \(Europe\/Berlin, UTC\+0[12]:00\)/);
    expect(out).toMatch(/Scheduled by: Me/);
    expect(out).toMatch(
      /\[1\.1\] Going \(0\)\s+\[1\.2\] Not going \(0\)\s+\[1\.3\] Edit…\s+\[1\.4\] Add to calendar \(\.ics\) ↗/,
    );

    // Going (button), Bob not going (typed), then Bob changes his mind: the latest answer counts.
    const from = rig.transcript().length;
    await rig.run('press 1.1');
    await rig.waitFor(/Going \(1\)\s+\[1\.2\] Not going \(0\)/, from);
    await rig.run('as Bob', `/video schedule rsvp not-going ${id}`);
    await rig.waitFor(/Going \(1\)\s+\[1\.2\] Not going \(1\)/, from);
    await rig.run(`/video schedule rsvp going ${id}`);
    await rig.waitFor(/Going \(2\)\s+\[1\.2\] Not going \(0\)/, from);
    const s = (await rig.app.store.getSchedule(id))!;
    const o = currentOccurrence(s, Date.now())!;
    const answers = await rig.app.store.listRsvps(id, o.startMs);
    expect(answers.map((r) => [r.userId, r.going])).toEqual([
      ['me', true],
      ['bob', true],
    ]);

    // The .ics file, parsed back: a weekly series at 10:00 Berlin time.
    const res = await fetch(`${rig.app.url}${icsPath(id, rig.app.ctx.ticketSecret)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const vevent = cal.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe('Weekly sync');
    expect(String(vevent.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY');
    const dtstart = vevent.getFirstProperty('dtstart')!;
    expect(dtstart.getParameter('tzid')).toBe('Europe/Berlin');
    const p2 = (n: number) => String(n).padStart(2, '0');
    expect(String(dtstart.getFirstValue())).toBe(
      `${s.first.year}-${p2(s.first.month)}-${p2(s.first.day)}T10:00:00`,
    );
    // A forged signature or an unknown ID is a 404, not a file.
    const forged = icsPath(id, 'another-secret-0123456789abcdef0123');
    expect((await fetch(`${rig.app.url}${forged}`)).status).toBe(404);

    // Bob did not plan it and is no moderator: refused. The planner cancels the next occurrence only.
    expect(await rig.run(`/video schedule cancel ${id}`)).toMatch(/Only Me, who planned it, or a moderator/);
    await rig.run('as Me');
    const cancelled = await rig.run(`/video schedule cancel ${id}`);
    expect(cancelled).toMatch(/Me cancelled the next Weekly sync \(the series goes on\)/);
    const list = await rig.run('/video schedule list');
    expect(list).toContain(`Weekly sync · ${id} · Every week`);
    const after = (await rig.app.store.getSchedule(id))!;
    expect(after.exceptions).toHaveLength(1);
    expect(after.cancelledFrom).toBeNull();
    // The .ics now leaves that occurrence out.
    const ics2 = await (await fetch(`${rig.app.url}${icsPath(id, rig.app.ctx.ticketSecret)}`)).text();
    expect(ics2).toMatch(/EXDATE;TZID=Europe\/Berlin:\d{8}T100000/);

    // Edit through the card's form: the console prompts each field, Enter keeps what it shows.
    const form = await rig.run('press 1.3', '', '', '12:00', '', '');
    expect(form).toMatch(/Edit planned meeting — Time \(HH:MM\) \[10:00\]/);
    expect(form).toMatch(/Updated Weekly sync: time\./);
    const viaForm = (await rig.app.store.getSchedule(id))!;
    expect([viaForm.first.hour, viaForm.first.minute, viaForm.remindMinutes, viaForm.title]).toEqual([
      12,
      0,
      10,
      'Weekly sync',
    ]);

    // Edit the time; the card follows. Cancel the series: nothing is left in the list.
    const edited = await rig.run(`/video schedule edit ${id} --time 11:30`);
    expect(edited).toMatch(/Updated Weekly sync: time\./);
    expect((await rig.app.store.getSchedule(id))!.first.hour).toBe(11);
    await rig.run(`/video schedule cancel ${id} --series`);
    expect(await rig.run('/video schedule list')).toMatch(/Nothing is planned in this channel/);
  });

  it('answers bad input with one sentence and plans nothing', async () => {
    rig = await startRig();
    expect(await rig.run('/video schedule "Sync" 12/7 10:00 --tz Europe/Berlin')).toMatch(/could be/);
    expect(await rig.run('/video schedule "Sync" tomorrow 10:00 --tz EST')).toMatch(/America\/New_York/);
    expect(await rig.run('/video schedule "Sync" tomorrow 10:00 --every daily')).toMatch(/--every weekday/);
    expect(await rig.run('/video schedule "Sync" tomorrow 10:00 --duration 2m')).toMatch(/Usage:/);
    expect(await rig.run('/video schedule cancel nope1234')).toMatch(
      /no planned meeting `nope1234` in this channel/,
    );
    expect(await rig.run('/video schedule list')).toMatch(/Nothing is planned/);
  });
});
