// Planned meetings on Slack through the signed /slack/events route and a fake Web API: the time is
// read in the person's users.info zone, the card shows it with <!date> (each viewer's own zone), Going
// updates the counts, and Edit opens a modal with date and time pickers whose submission moves it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, type SlackHarness } from '../adapters/slack/harness.js';

const json = (v: unknown): Record<string, unknown> =>
  (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;

describe('/video schedule on Slack', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
    h.api.on('users.info', (b) => ({
      json: { ok: true, user: { id: b.user, is_admin: false, is_owner: false, tz: 'America/Los_Angeles' } },
    }));
  });
  afterAll(async () => h?.close());

  it('reads <when> in the users.info zone, posts the card, counts Going, and edits through the pickers', async () => {
    const { reply } = await h.slash('schedule "Design review" tomorrow 15:30 --remind 15m', 'U1');
    const answer = JSON.stringify(await h.replyTo(reply));
    const id = /ID `([a-z0-9]+)`/.exec(answer)?.[1] ?? '';
    const s = (await h.store.getSchedule(id))!;
    expect([s.zone, s.first.hour, s.first.minute, s.remindMinutes]).toEqual([
      'America/Los_Angeles',
      15,
      30,
      15,
    ]);

    const [post] = await h.api.waitFor('chat.postMessage');
    const card = JSON.stringify(json(post!.body).blocks ?? post!.body);
    // Slack renders the time in each viewer's zone; the fallback names the schedule's (PST in December).
    expect(card).toMatch(
      /<!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^>]*15:30 \(America\/Los_Angeles, UTC-08:00\)>/,
    );
    expect(card).toContain(`"action_id":"schedule.rsvp:${id}"`);
    expect(card).toContain(`"action_id":"modal:schedule.edit:${id}"`);
    expect(card).toMatch(/"url":"http:\/\/127\.0\.0\.1[^"]*\/schedule\/[a-z0-9]+\.[A-Za-z0-9_-]{22}\.ics"/);

    await h.click(`schedule.rsvp:${id}`, { user: 'U2', value: 'going' });
    const [update] = await h.api.waitFor('chat.update');
    expect(JSON.stringify(update!.body)).toContain('Going (1)');

    const { status } = await h.click(`modal:schedule.edit:${id}`, { user: 'U1' });
    expect(status).toBe(200);
    const [opened] = await h.api.waitFor('views.open');
    const view = json(json(opened!.body).view);
    const blocks = JSON.stringify(view.blocks);
    expect(blocks).toMatch(/"type":"datepicker","action_id":"date","initial_date":"\d{4}-\d{2}-\d{2}"/);
    expect(blocks).toContain('"type":"timepicker","action_id":"time","initial_time":"15:30"');
    const date = /"initial_date":"([\d-]+)"/.exec(blocks)![1]!;
    const submitted = await h.submit(
      { private_metadata: String(view.private_metadata) },
      {
        title: { title: { type: 'plain_text_input', value: 'Design review v2' } },
        date: { date: { type: 'datepicker', selected_date: date } },
        time: { time: { type: 'timepicker', selected_time: '16:00' } },
        duration: { duration: { type: 'plain_text_input', value: '45m' } },
        remind: { remind: { type: 'plain_text_input', value: null } },
      },
    );
    expect(submitted.status).toBe(200);
    await h.api.waitFor('chat.update', 2);
    const edited = (await h.store.getSchedule(id))!;
    expect([
      edited.title,
      edited.first.hour,
      edited.durationMinutes,
      edited.remindMinutes,
      edited.revision,
    ]).toEqual(['Design review v2', 16, 45, null, 1]);
    const last = JSON.stringify(h.api.callsTo('chat.update').at(-1)!.body);
    expect(last).toContain('Design review v2');
    expect(last).toMatch(/16:00 \(America\/Los_Angeles/);
  });

  it('bare /video schedule offers a button whose form (pickers) plans it in the users.info zone', async () => {
    const { reply } = await h.slash('schedule', 'U3');
    const offer = JSON.stringify(await h.replyTo(reply));
    expect(offer).toContain('"action_id":"modal:schedule:new-schedule"');
    expect(offer).toContain('Plan a meeting');

    const opens = h.api.callsTo('views.open').length;
    const { status } = await h.click('modal:schedule:new-schedule', { user: 'U3' });
    expect(status).toBe(200);
    const opened = (await h.api.waitFor('views.open', opens + 1)).at(-1)!;
    const view = json(json(opened.body).view);
    const blocks = JSON.stringify(view.blocks);
    expect(blocks).toContain('"type":"datepicker","action_id":"date"');
    expect(blocks).toContain('"type":"timepicker","action_id":"time"');
    expect(blocks).toContain('"type":"static_select","action_id":"every"');

    // A date a year ahead: December, so Los Angeles is UTC-8 and 09:15 there is 17:15 UTC.
    const year = new Date().getUTCFullYear() + 1;
    const date = `${year}-12-02`;
    const posts = h.api.callsTo('chat.postMessage').length;
    const submitted = await h.submit(
      { private_metadata: String(view.private_metadata) },
      {
        title: { title: { type: 'plain_text_input', value: 'Planning poker' } },
        date: { date: { type: 'datepicker', selected_date: date } },
        time: { time: { type: 'timepicker', selected_time: '09:15' } },
        every: { every: { type: 'static_select', selected_option: { value: 'week' } } },
        duration: { duration: { type: 'plain_text_input', value: '1h' } },
        remind: { remind: { type: 'plain_text_input', value: '10m' } },
      },
      'U3',
    );
    expect(submitted.status).toBe(200);
    const post = (await h.api.waitFor('chat.postMessage', posts + 1)).at(-1)!;
    const card = JSON.stringify(json(post.body).blocks ?? post.body);
    expect(card).toContain('Planning poker');
    expect(card).toContain(`<!date^${Date.UTC(year, 11, 2, 17, 15) / 1000}^`);
    expect(card).toMatch(/09:15 \(America\/Los_Angeles, UTC-08:00\)/);
    const id = /"action_id":"modal:schedule\.edit:([a-z0-9]+)"/.exec(card)![1]!;
    const s = (await h.store.getSchedule(id))!;
    expect([s.title, s.zone, s.every, s.durationMinutes, s.remindMinutes, s.creatorId]).toEqual([
      'Planning poker',
      'America/Los_Angeles',
      'week',
      60,
      10,
      'U3',
    ]);
  });
});
