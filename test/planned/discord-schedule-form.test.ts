// Planning from the form on Discord through the signed /discord/interactions route and a fake REST
// server: a bare `/video schedule` answers with the "Plan a meeting" button, the button opens a modal
// within Discord's five fields, and its submission plans the meeting like the typed command.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordHarness, type DiscordHarness, type Who } from '../adapters/discord/harness.js';

const ADA: Who = { id: 'u-ada' };
const input = (id: string, value: string) => ({ type: 18, component: { type: 4, custom_id: id, value } });

describe('/video schedule form on Discord', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(async () => h?.close());

  it('offers the button, opens a five-field modal and plans from its submission', async () => {
    const bare = h.interaction(2, ADA, {
      name: 'video',
      type: 1,
      options: [{ type: 1, name: 'schedule', options: [] }],
    });
    await h.send(bare);
    const offer = JSON.stringify((await h.result(bare.token)).body);
    expect(offer).toContain('v1m|schedule|new-schedule|');
    expect(offer).toContain('Plan a meeting');

    const click = h.interaction(
      3,
      ADA,
      { custom_id: 'v1m|schedule|new-schedule|', component_type: 2 },
      { message: { id: 'offer' } },
    );
    const opened = await h.send(click);
    expect(opened.body).toMatchObject({ type: 9, data: { title: 'Plan a meeting' } });
    const ids = JSON.stringify(opened.body).match(/"custom_id":"(title|date|time|every|duration|remind)"/g);
    expect(ids).toEqual([
      '"custom_id":"title"',
      '"custom_id":"date"',
      '"custom_id":"time"',
      '"custom_id":"every"',
      '"custom_id":"duration"',
    ]);

    const year = new Date().getUTCFullYear() + 1;
    const submit = h.interaction(5, ADA, {
      custom_id: (opened.body.data as { custom_id: string }).custom_id,
      components: [
        input('title', 'Retro'),
        input('date', `${year}-12-02`),
        input('time', '09:15'),
        { type: 18, component: { type: 3, custom_id: 'every', values: ['2weeks'] } },
        input('duration', '45m'),
      ],
    });
    await h.send(submit);
    const answer = JSON.stringify((await h.result(submit.token)).body);
    const id = /ID `([a-z0-9]+)`/.exec(answer)?.[1] ?? '';
    const s = (await h.store.getSchedule(id))!;
    // Discord has no zone to ask: read in UTC (the answer says how to set one).
    expect([s.title, s.zone, s.every, s.durationMinutes, s.remindMinutes]).toEqual([
      'Retro',
      'UTC',
      '2weeks',
      45,
      null,
    ]);
    expect(s.first).toMatchObject({ year, month: 12, day: 2, hour: 9, minute: 15 });
  });
});
