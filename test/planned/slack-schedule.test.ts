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
});
