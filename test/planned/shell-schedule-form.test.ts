// Planning from the form in the console (whole bot, startApp): a bare `/video schedule` prints the
// "Plan a meeting" button; pressing it prompts each field, and the answers plan the meeting.

import { afterEach, describe, expect, it } from 'vitest';
import { startRig, type ShellRig } from '../shell/harness.js';

let rig: ShellRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('/video schedule form in the console', () => {
  it('prompts title, date, time, repeat, length and reminder, and plans it', async () => {
    rig = await startRig();
    // The zone given once with --tz is remembered, and the form's date and time are read in it.
    await rig.run('/video schedule "Zone" in 1h --tz Europe/Berlin');
    const offer = await rig.run('/video schedule');
    const ref = /\[(\d+\.\d+)\] Plan a meeting/.exec(offer)?.[1] ?? '';
    expect(ref).not.toBe('');
    const year = new Date().getUTCFullYear() + 1;
    const out = await rig.run(`press ${ref}`, 'Retro', `${year}-12-02`, '09:15', 'week', '45m', '5m');
    expect(out).toMatch(/Plan a meeting — Date \(YYYY-MM-DD\):.*Time \(HH:MM\):.*Repeat/s);
    expect(out).toMatch(/When: \w{3} 2 Dec \d{4} 09:15–10:00 \(Europe\/Berlin, UTC\+01:00\)/);
    const id = /ID `([a-z0-9]+)`/.exec(out)?.[1] ?? '';
    const s = (await rig.app.store.getSchedule(id))!;
    expect([s.title, s.zone, s.every, s.durationMinutes, s.remindMinutes]).toEqual([
      'Retro',
      'Europe/Berlin',
      'week',
      45,
      5,
    ]);
    expect(s.first).toMatchObject({ year, month: 12, day: 2, hour: 9, minute: 15 });
  });
});
